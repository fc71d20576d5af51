import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ListOrganizationTransactionsRequest, TransactionRpc, type Page, type TransactionView } from '@broker/contracts';
import { projectionCollection, type DocumentStore } from '@broker/read-models';
import { DOCUMENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { TRANSACTION_PERMISSIONS } from '../domain/transaction-access';
import { TransactionForbiddenError } from '../domain/transaction.errors';
import { toListedTransaction, transactionListProjection, type TransactionListEntry } from '../transaction-list/transaction-list.projection';

/** An organization's transactions, newest first (a read model: may lag a write by a moment). */
@Controller()
export class ListOrganizationTransactionsController {
  constructor(
    @Inject(DOCUMENT_STORE) private readonly documents: DocumentStore,
    private readonly organizations: OrganizationAccessClient,
  ) {}

  @RpcHandler(TransactionRpc.list)
  async list(@Payload() request: ListOrganizationTransactionsRequest): Promise<Page<TransactionView>> {
    const { actor, organizationId } = request;
    await this.organizations.authorize(actor, organizationId, {
      roles: TRANSACTION_PERMISSIONS.read,
      forbidden: () => new TransactionForbiddenError("read this organization's transactions"),
    });
    const page = await this.documents.find<TransactionListEntry>(projectionCollection(transactionListProjection), {
      where: { organizationId },
      sort: { field: 'requestedAt', direction: 'desc' },
      limit: request.limit ?? 50,
      ...(request.cursor ? { cursor: request.cursor } : {}),
    });
    return { items: page.items.map((item) => toListedTransaction(item.data)), nextCursor: page.nextCursor };
  }
}
