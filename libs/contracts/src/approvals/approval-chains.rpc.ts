import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsUUID, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, ExpectedVersionsField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';
import { IsMoneyAmount } from './money';

/**
 * An organization's own approval chains, kept by the approvals service: which of its users approve a request, in
 * which order, before the reseller's step. Tenant-checked by the approvals service at the moment of each request.
 */
export const ApprovalChainsRpc = {
  get: rpc<GetApprovalChainsRequest, ApprovalChainsView>('approvals.chains.get', { errors: ['ORGANIZATION.NOT_FOUND', 'APPROVAL_CHAINS.FORBIDDEN'] }),
  /** "Set to": the whole configuration; records nothing when it is already in force. */
  set: rpc<SetApprovalChainsRequest, ApprovalChainsView>('approvals.chains.set', { errors: ['ORGANIZATION.NOT_FOUND', 'APPROVAL_CHAINS.FORBIDDEN', 'APPROVAL_CHAINS.VERSION_MISMATCH'] }),
  clear: rpc<ClearApprovalChainsRequest, ApprovalChainsView>('approvals.chains.clear', { errors: ['ORGANIZATION.NOT_FOUND', 'APPROVAL_CHAINS.FORBIDDEN', 'APPROVAL_CHAINS.VERSION_MISMATCH'] }),
} as const;

export const CHAIN_CONDITION_TYPES = ['always', 'annual_value_above', 'products'] as const;
export type ChainConditionType = (typeof CHAIN_CONDITION_TYPES)[number];
/** Bounds of one configuration (the service names the field that breaks one). */
export const APPROVAL_CHAIN_LIMITS = { rules: 20, stepsPerRule: 5, approversPerStep: 10, productsPerRule: 100 } as const;

export class ChainConditionDto {
  @IsIn(CHAIN_CONDITION_TYPES, { message: `type must be one of ${CHAIN_CONDITION_TYPES.join(', ')}` })
  type!: ChainConditionType;

  /** `annual_value_above`: a request is chained when its annual value is strictly above this amount. */
  @ValidateIf((o: ChainConditionDto) => o.type === 'annual_value_above')
  @IsMoneyAmount()
  amount?: string | number;

  /** `products`: a request for one of these products is chained. */
  @ValidateIf((o: ChainConditionDto) => o.type === 'products')
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVAL_CHAIN_LIMITS.productsPerRule)
  @IsUUID('all', { each: true })
  productIds?: string[];
}

export class ChainStepDto {
  /** Any one of them decides the step. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVAL_CHAIN_LIMITS.approversPerStep)
  @IsUUID('all', { each: true })
  approverIds!: string[];
}

export class ChainRuleDto {
  @IsObject()
  @ValidateNested()
  @Type(() => ChainConditionDto)
  condition!: ChainConditionDto;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVAL_CHAIN_LIMITS.stepsPerRule)
  @ValidateNested({ each: true })
  @Type(() => ChainStepDto)
  steps!: ChainStepDto[];
}

/** At most a year. */
export const MAX_ESCALATION_MINUTES = 366 * 24 * 60;

/**
 * When a pending step is chased, in whole minutes since it was reached: a reminder to its approvers, then an
 * escalation (to the organization's admins for one of its steps, to the reseller's notification address for the
 * reseller's), then, when set, an automatic rejection.
 */
export class EscalationSettingsDto {
  @IsInt()
  @Min(1)
  @Max(MAX_ESCALATION_MINUTES)
  reminderAfterMinutes!: number;

  @IsInt()
  @Min(1)
  @Max(MAX_ESCALATION_MINUTES)
  escalateAfterMinutes!: number;

  /** Null or absent: never rejected automatically. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ESCALATION_MINUTES)
  autoRejectAfterMinutes?: number | null;
}

export class GetApprovalChainsRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class ClearApprovalChainsRequest extends GetApprovalChainsRequest {
  /** If-Match: the `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

export class SetApprovalChainsRequest extends ClearApprovalChainsRequest {
  /** The first rule whose condition matches a request picks its steps; none matching: straight to the reseller. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(APPROVAL_CHAIN_LIMITS.rules)
  @ValidateNested({ each: true })
  @Type(() => ChainRuleDto)
  rules!: ChainRuleDto[];

  /** Absent or null: pending steps are never chased. */
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => EscalationSettingsDto)
  escalation?: EscalationSettingsDto | null;
}

/** `amount` with `annual_value_above` only, `productIds` with `products` only. */
export interface ChainConditionView {
  type: ChainConditionType;
  amount?: string;
  productIds?: string[];
}

export interface ApprovalChainsView {
  organizationId: string;
  /** Empty: no chain, every request goes straight to the reseller's step as before. */
  rules: { condition: ChainConditionView; steps: { approverIds: string[] }[] }[];
  /** When pending steps are chased; null: never. */
  escalation: { reminderAfterMinutes: number; escalateAfterMinutes: number; autoRejectAfterMinutes: number | null } | null;
  /** Changes exactly when the configuration changes ("0" while never set). Opaque: compare it, never parse it. */
  version: string;
}

