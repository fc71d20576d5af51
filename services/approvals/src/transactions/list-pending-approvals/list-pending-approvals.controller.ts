import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { amountIn, ListPendingApprovalsRequest, TransactionRpc, type Page, type PendingApprovalItem } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE } from '@broker/runtime';
import { mayDoWithTransactions } from '../domain/transaction-access';
import { ApprovalForbiddenError } from '../domain/transaction.errors';
import { organizationNameOf } from '../organization-names/organization-names.consumer';
import { transactionListProjection, type TransactionListEntry } from '../transaction-list/transaction-list.projection';

export function toPendingApproval(entry: TransactionListEntry, currentName: string | null): PendingApprovalItem {
  return {
    transactionId: entry.id,
    organizationId: entry.organizationId,
    organizationName: currentName ?? entry.organizationName,
    type: entry.type,
    productId: entry.productId,
    productName: entry.productName,
    quantity: entry.quantity,
    previousQuantity: entry.previousQuantity,
    annualValue: amountIn(entry.annualValue, entry.currency),
    currency: entry.currency,
    requestedBy: entry.requestedBy,
    requestedAt: entry.requestedAt,
  };
}

/** Who may list pending approvals: the reseller's admins, and the organization's own approvers. */
const ORGANIZATION_APPROVERS = ['org_admin', 'org_billing_admin'];

/**
 * The transactions waiting for the actor's decision, newest first, each with its organization's current name
 * (joined from the organization_names consumer; the name at the request until that consumer has it): for a reseller
 * admin, those waiting for the reseller's step; for an organization's admin or billing admin, those whose current
 * approval-chain step names them (a page then holds those of the organization's pending ones that do, so it may hold
 * fewer items than the limit while more follow).
 */
@Controller()
export class ListPendingApprovalsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(TransactionRpc.listPending)
  async list(@Payload() request: ListPendingApprovalsRequest): Promise<Page<PendingApprovalItem>> {
    const { actor } = request;
    const asReseller = mayDoWithTransactions(actor, 'decide');
    const asOrganization = ORGANIZATION_APPROVERS.includes(actor.role) && actor.organizationId !== null;
    if ((!asReseller && !asOrganization) || !actor.resellerId) throw new ApprovalForbiddenError('Only reseller admins and the approvers of an organization see pending approvals');
    const where: Record<string, string> = asReseller
      ? { resellerId: actor.resellerId, status: 'pending_approval', awaiting: 'reseller' }
      : { resellerId: actor.resellerId, organizationId: actor.organizationId!, status: 'pending_approval', awaiting: 'organization' };
    const page = await this.documents.find<TransactionListEntry>(projectionCollection(transactionListProjection), {
      where,
      sort: { field: 'requestedAt', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    const items = asReseller ? page.items : page.items.filter(({ data }) => data.awaitingApproverIds.includes(actor.userId));
    const names = new Map<string, string | null>();
    for (const { data } of items) {
      if (!names.has(data.organizationId)) names.set(data.organizationId, await organizationNameOf(this.documents, data.organizationId));
    }
    return { items: items.map(({ data }) => toPendingApproval(data, names.get(data.organizationId) ?? null)), nextCursor: page.nextCursor };
  }
}
