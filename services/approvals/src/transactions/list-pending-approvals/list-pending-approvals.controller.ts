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

/**
 * The reseller's transactions waiting for a decision, newest first, each with its organization's current name
 * (joined from the organization_names consumer; the name at the request until that consumer has it).
 */
@Controller()
export class ListPendingApprovalsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @RpcHandler(TransactionRpc.listPending)
  async list(@Payload() request: ListPendingApprovalsRequest): Promise<Page<PendingApprovalItem>> {
    const { actor } = request;
    if (!mayDoWithTransactions(actor, 'decide') || !actor.resellerId) throw new ApprovalForbiddenError('Only reseller admins see the pending approvals');
    const page = await this.documents.find<TransactionListEntry>(projectionCollection(transactionListProjection), {
      where: { resellerId: actor.resellerId, status: 'pending_approval' },
      sort: { field: 'requestedAt', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    const names = new Map<string, string | null>();
    for (const { data } of page.items) {
      if (!names.has(data.organizationId)) names.set(data.organizationId, await organizationNameOf(this.documents, data.organizationId));
    }
    return { items: page.items.map(({ data }) => toPendingApproval(data, names.get(data.organizationId) ?? null)), nextCursor: page.nextCursor };
  }
}
