import { ChainConditionDto, ChainRuleDto, ChainStepDto, EscalationSettingsDto, SetApprovalChainsRequest } from '@broker/contracts';
import { moneyInput } from '../money/money.openapi';
import { bodyFromContract } from '../openapi/body-from-contract';

const MONEY = [{ type: 'string', example: '1000.00' }, { type: 'number', example: 1000 }];

export class ChainConditionBody extends bodyFromContract(ChainConditionDto, {
  type: { enum: ['always', 'annual_value_above', 'products'], description: 'always; a request whose annual value is strictly above `amount`; a request for one of `productIds`' },
  amount: { oneOf: MONEY, required: false, description: moneyInput('annual_value_above only') },
  productIds: { type: [String], format: 'uuid', required: false, description: 'products only: products of your store' },
}) {}

export class ChainStepBody extends bodyFromContract(ChainStepDto, {
  approverIds: { type: [String], format: 'uuid', description: 'Active org admins or billing admins of the organization: any one of them decides the step' },
}) {}

export class ChainRuleBody extends bodyFromContract(ChainRuleDto, {
  condition: { type: ChainConditionBody },
  steps: { type: [ChainStepBody], description: 'In order: each step is decided before the next is asked' },
}) {}

export class EscalationSettingsBody extends bodyFromContract(EscalationSettingsDto, {
  reminderAfterMinutes: { description: 'Minutes after a step was reached: its approvers (or their delegates) are reminded, once' },
  escalateAfterMinutes: { description: "More minutes than the reminder: the organization's admins (at the reseller's step, its notification address) are told, once" },
  autoRejectAfterMinutes: { type: Number, nullable: true, required: false, description: 'More minutes than the escalation: the request is rejected automatically; absent or null: never' },
}) {}

/** PUT /organizations/{orgId}/approval-chains: the whole configuration ("set to"). */
export class SetApprovalChainsBody extends bodyFromContract(SetApprovalChainsRequest, {
  escalation: { type: EscalationSettingsBody, nullable: true, required: false, description: 'When pending steps are chased; absent or null: never' },
  rules: { type: [ChainRuleBody], description: "The first rule whose condition matches a request picks its steps; none matching: the request goes straight to the reseller's step, as without chains" },
}) {}
