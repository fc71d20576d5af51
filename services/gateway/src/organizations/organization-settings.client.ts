import { Injectable } from '@nestjs/common';
import {
  ApprovalPolicyRpc,
  OrganizationRpc,
  type ActorDto,
  type ApprovalPolicyView,
  type GetApprovalPolicyRequest,
  type GetOrganizationSettingsRequest,
  type OrganizationOwnSettings,
  type SetApprovalPolicyRequest,
  type SetOrganizationSettingsRequest,
} from '@broker/contracts';
import { RpcClient } from '@broker/messaging';
import type { OrganizationSettingsBody } from './organization-settings.body';
import type { OrganizationSettingsResponse } from './organization.responses';

export function composeSettings(own: Pick<OrganizationOwnSettings, 'notificationEmail' | 'billingStartDate'>, policy: Pick<ApprovalPolicyView, 'approvalRequired' | 'dynamicApproval'>): OrganizationSettingsResponse {
  return {
    notificationEmail: own.notificationEmail,
    approvalRequired: policy.approvalRequired,
    dynamicApproval: { enabled: policy.dynamicApproval.enabled, annualLimit: policy.dynamicApproval.annualLimit },
    billingStartDate: own.billingStartDate,
  };
}

/**
 * An organization's settings live with the services that enforce them: the approval policy in approvals, the
 * notification e-mail and billing start date in organizations. This composes them into one resource.
 */
@Injectable()
export class OrganizationSettingsClient {
  constructor(private readonly rpc: RpcClient) {}

  async get(actor: ActorDto, organizationId: string): Promise<OrganizationSettingsResponse> {
    const [own, policy] = await Promise.all([
      this.rpc.request<OrganizationOwnSettings, GetOrganizationSettingsRequest>(OrganizationRpc.getSettings, { actor, organizationId }),
      this.rpc.request<ApprovalPolicyView, GetApprovalPolicyRequest>(ApprovalPolicyRpc.get, { actor, organizationId }),
    ]);
    return composeSettings(own, policy);
  }

  /**
   * Both parts are "set to" commands that record nothing when already so: should the second fail after the first
   * succeeded, repeating the request finishes the job and changes nothing twice.
   */
  async set(actor: ActorDto, organizationId: string, body: OrganizationSettingsBody): Promise<OrganizationSettingsResponse> {
    const { enabled, annualLimit } = body.dynamicApproval;
    const policy = await this.rpc.request<ApprovalPolicyView, SetApprovalPolicyRequest>(ApprovalPolicyRpc.set, {
      actor,
      organizationId,
      approvalRequired: body.approvalRequired,
      dynamicApproval: annualLimit === undefined ? { enabled } : { enabled, annualLimit },
    });
    const own = await this.rpc.request<OrganizationOwnSettings, SetOrganizationSettingsRequest>(OrganizationRpc.setSettings, {
      actor,
      organizationId,
      notificationEmail: body.notificationEmail,
      billingStartDate: body.billingStartDate,
    });
    return composeSettings(own, policy);
  }
}
