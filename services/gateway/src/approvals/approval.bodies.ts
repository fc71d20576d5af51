import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsPlainText, MAX_DECISION_TEXT } from '@broker/contracts';
import { ListQuery } from '../shared/list.query';

export class ApproveBody {
  @ApiPropertyOptional({ maxLength: MAX_DECISION_TEXT, example: 'Approved for the new team' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DECISION_TEXT)
  @IsPlainText({ multiline: true })
  comment?: string;
}

export class RejectBody {
  @ApiProperty({ maxLength: MAX_DECISION_TEXT, example: 'Over this quarter\'s budget' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(MAX_DECISION_TEXT)
  @IsPlainText({ multiline: true })
  reason!: string;
}

export class PendingApprovalsQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['pending'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending'])
  status?: 'pending';
}
