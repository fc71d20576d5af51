import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ApprovalPolicyRpc, GetApprovalPolicyRequest, type ApprovalPolicyView } from '@broker/contracts';
import { policyVersion } from '../approval-policy-version';
import { ApprovalPolicyRepository } from '../approval-policy.repository';
import { toApprovalPolicyView } from '../approval-policy.view';
import { OrganizationAccess, POLICY_READERS } from '../organization-access/organization-access';

@Controller()
export class GetApprovalPolicyController {
  constructor(
    private readonly access: OrganizationAccess,
    private readonly policies: ApprovalPolicyRepository,
  ) {}

  @RpcHandler(ApprovalPolicyRpc.get)
  async get(@Payload() request: GetApprovalPolicyRequest): Promise<ApprovalPolicyView> {
    const { actor, organizationId } = request;
    const { currency } = await this.access.check(actor, organizationId, POLICY_READERS, 'read');
    const { state, revision } = await this.policies.loadWithRevision(organizationId);
    return toApprovalPolicyView(organizationId, state, policyVersion(revision), currency);
  }
}
