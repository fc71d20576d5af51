import { Type } from 'class-transformer';
import { IsBoolean, IsDefined, IsObject, IsUUID, ValidateIf, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { IsMoneyAmount } from './money';
import { ActorField, ExpectedVersionsField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * The approval policy of one organization lives in the approvals service (it enforces it on every order).
 * Both requests are tenant-checked by the approvals service, which asks the organizations service at that moment.
 */
export const ApprovalPolicyRpc = {
  get: rpc<GetApprovalPolicyRequest, ApprovalPolicyView>('approvals.policy.get', { errors: ['ORGANIZATION.NOT_FOUND', 'APPROVAL_POLICY.FORBIDDEN'] }),
  /** "Set to": records nothing when the policy is already so, so a repeated request is safe. */
  set: rpc<SetApprovalPolicyRequest, ApprovalPolicyView>('approvals.policy.set', { errors: ['ORGANIZATION.NOT_FOUND', 'APPROVAL_POLICY.FORBIDDEN', 'APPROVAL_POLICY.VERSION_MISMATCH'] }),
} as const;

export class DynamicApprovalDto {
  @IsBoolean()
  enabled!: boolean;

  /** Required while enabled; when disabled and omitted, the current limit is kept. */
  @ValidateIf((o: DynamicApprovalDto) => o.enabled === true || o.annualLimit !== undefined)
  @IsDefined({ message: 'annualLimit is required when dynamic approval is enabled' })
  @IsMoneyAmount()
  annualLimit?: string | number;
}

export class GetApprovalPolicyRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export class SetApprovalPolicyRequest extends GetApprovalPolicyRequest {
  @IsBoolean()
  approvalRequired!: boolean;

  @IsObject()
  @ValidateNested()
  @Type(() => DynamicApprovalDto)
  dynamicApproval!: DynamicApprovalDto;

  /** If-Match: the policy `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

export interface ApprovalPolicyView {
  organizationId: string;
  approvalRequired: boolean;
  /** When enabled it replaces `approvalRequired`: approval is needed exactly above the annual limit. */
  dynamicApproval: { enabled: boolean; annualLimit: string };
  /** Changes exactly when the policy changes, read from its stream ("0" while never set). Opaque: compare it, never parse it. */
  version: string;
}

/** The policy of an organization whose policy was never set. */
export const DEFAULT_APPROVAL_POLICY: Omit<ApprovalPolicyView, 'organizationId' | 'version'> = Object.freeze({
  approvalRequired: false,
  dynamicApproval: Object.freeze({ enabled: false, annualLimit: '0.00' }),
});
