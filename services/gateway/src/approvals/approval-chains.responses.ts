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

@Documents<NonNullable<ApprovalChainsView['escalation']>>()
export class EscalationSettingsResponse {
  @ApiProperty({ description: 'Minutes after a step was reached: its approvers are reminded' })
  reminderAfterMinutes!: number;

  @ApiProperty({ description: "Minutes after a step was reached: the organization's admins (or, at the reseller's step, its notification address) are told" })
  escalateAfterMinutes!: number;

  @ApiProperty({ nullable: true, type: Number, description: 'Minutes after a step was reached: the request is rejected automatically; null: never' })
  autoRejectAfterMinutes!: number | null;
}

/** The version goes in the ETag header, not the body. */
@Documents<Omit<ApprovalChainsView, 'version'>>()
export class ApprovalChainsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: [ChainRuleResponse], description: "Empty: no chain; every request goes straight to the reseller's step" })
  rules!: ChainRuleResponse[];

  @ApiProperty({ type: EscalationSettingsResponse, nullable: true, description: 'When pending steps are chased; null: never' })
  escalation!: EscalationSettingsResponse | null;
}
