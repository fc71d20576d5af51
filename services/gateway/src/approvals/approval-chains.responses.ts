import { ApiProperty } from '@nestjs/swagger';
import { CHAIN_CONDITION_TYPES, type ApprovalChainsView, type ChainConditionType, type ChainConditionView } from '@broker/contracts';

type ChainRuleView = ApprovalChainsView['rules'][number];
import { Documents } from '../openapi/documents-contract';

@Documents<ChainConditionView>()
export class ChainConditionResponse {
  @ApiProperty({ enum: CHAIN_CONDITION_TYPES })
  type!: ChainConditionType;

  @ApiProperty({ required: false, example: '1000.00', description: 'annual_value_above: the amount, in the currency of the organization' })
  amount?: string;

  @ApiProperty({ required: false, type: [String], format: 'uuid' })
  productIds?: string[];
}

@Documents<ChainRuleView['steps'][number]>()
export class ChainStepResponse {
  @ApiProperty({ type: [String], format: 'uuid' })
  approverIds!: string[];
}

@Documents<ChainRuleView>()
export class ChainRuleResponse {
  @ApiProperty({ type: ChainConditionResponse })
  condition!: ChainConditionResponse;

  @ApiProperty({ type: [ChainStepResponse] })
  steps!: ChainStepResponse[];
}

/** The version goes in the ETag header, not the body. */
@Documents<Omit<ApprovalChainsView, 'version'>>()
export class ApprovalChainsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: [ChainRuleResponse], description: "Empty: no chain; every request goes straight to the reseller's step" })
  rules!: ChainRuleResponse[];
}
