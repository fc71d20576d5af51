import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ApprovalPolicyRpc, GetApprovalPolicyRequest, type ApprovalPolicyView } from '@broker/contracts';
import { OrganizationAccessClient } from '@broker/runtime';
import { POLICY_READERS } from '../approval-policy-access';
import { policyVersion } from '../approval-policy-version';
import { ApprovalPolicyRepository } from '../approval-policy.repository';
import { toApprovalPolicyView } from '../approval-policy.view';

@Controller()
export class GetApprovalPolicyController {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly policies: ApprovalPolicyRepository,
  ) {}

  @RpcHandler(ApprovalPolicyRpc.get)
  async get(@Payload() request: GetApprovalPolicyRequest): Promise<ApprovalPolicyView> {
    const { actor, organizationId } = request;
    const { currency } = await this.organizations.authorizeWithCurrency(actor, organizationId, POLICY_READERS);
    const { state, revision } = await this.policies.loadWithRevision(organizationId);
    return toApprovalPolicyView(organizationId, state, policyVersion(revision), currency);
  }
}
