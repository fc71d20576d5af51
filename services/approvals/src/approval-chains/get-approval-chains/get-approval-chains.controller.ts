import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ApprovalChainsRpc, GetApprovalChainsRequest, type ApprovalChainsView } from '@broker/contracts';
import { RpcHandler } from '@broker/messaging';
import { OrganizationAccessClient } from '@broker/runtime';
import { CHAINS_READERS } from '../approval-chains-access';
import { ApprovalChainsRepository, chainsVersion } from '../approval-chains.repository';
import { toApprovalChainsView } from '../approval-chains.view';

@Controller()
export class GetApprovalChainsController {
  constructor(
    private readonly organizations: OrganizationAccessClient,
    private readonly chains: ApprovalChainsRepository,
  ) {}

  @RpcHandler(ApprovalChainsRpc.get)
  async get(@Payload() request: GetApprovalChainsRequest): Promise<ApprovalChainsView> {
    const { currency } = await this.organizations.authorizeWithCurrency(request.actor, request.organizationId, CHAINS_READERS);
    const { state, revision } = await this.chains.loadWithRevision(request.organizationId);
    return toApprovalChainsView(request.organizationId, state, chainsVersion(revision), currency);
  }
}
