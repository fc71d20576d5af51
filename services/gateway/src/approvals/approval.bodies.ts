import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ApproveTransactionRequest, RejectTransactionRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';
import { ListQuery } from '../shared/list.query';

export class ApproveBody extends bodyFromContract(ApproveTransactionRequest, {
  comment: { example: 'Approved for the new team' },
}) {}

export class RejectBody extends bodyFromContract(RejectTransactionRequest, {
  reason: { example: "Over this quarter's budget" },
}) {}

export class PendingApprovalsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['pending'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending'])
  status?: 'pending';
}
