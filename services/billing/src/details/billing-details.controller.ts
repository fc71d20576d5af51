import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { BillingDetailsRequest, BillingRpc, SetBillingDetailsRequest, type BillingDetailsView } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { DETAILS_READERS, DETAILS_WRITERS } from '../shared/billing-access';
import { billingDetailsDecider, billingDetailsStreamId, type BillingDetailsEvent, type BillingDetailsState } from './domain/billing-details.decider';
import { OrganizationCheck } from './organization-check';

function view(organizationId: string, state: BillingDetailsState): BillingDetailsView {
  if (state.status === 'none') {
    return { organizationId, billingContactName: null, billingEmail: null, purchaseOrderReference: null, invoiceAddress: null, updatedAt: null, updatedBy: null };
  }
  return { organizationId, ...state.details, updatedAt: state.updatedAt, updatedBy: state.updatedBy };
}

/** An organization's billing details, read from their stream: a GET right after a PUT sees it. */
@Controller()
export class BillingDetailsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationCheck,
  ) {}

  @MessagePattern(BillingRpc.getDetails)
  async get(@Payload() request: BillingDetailsRequest): Promise<BillingDetailsView> {
    await this.organizations.check(request.actor, request.organizationId, DETAILS_READERS, 'read billing details');
    const events = await this.store.readStream(billingDetailsStreamId(request.organizationId));
    const state = events.reduce((s, e) => billingDetailsDecider.evolve(s, { type: e.type, data: e.data } as unknown as BillingDetailsEvent), billingDetailsDecider.initialState());
    return view(request.organizationId, state);
  }

  @MessagePattern(BillingRpc.setDetails)
  async set(@Payload() request: SetBillingDetailsRequest): Promise<BillingDetailsView> {
    const { actor, organizationId } = request;
    const { resellerId } = await this.organizations.check(actor, organizationId, DETAILS_WRITERS, 'change billing details');
    const result = await handleCommand(
      this.store,
      billingDetailsStreamId(organizationId),
      billingDetailsDecider,
      {
        type: 'SetBillingDetails',
        data: {
          organizationId, resellerId, billingContactName: request.billingContactName.trim(), billingEmail: request.billingEmail,
          purchaseOrderReference: request.purchaseOrderReference ?? null, invoiceAddress: request.invoiceAddress,
        },
        actorId: actor.userId,
        at: new Date(),
      },
      { metadata: commandMetadata(actor, { resellerId, organizationId }), retries: 3 },
    );
    return view(organizationId, result.newState);
  }
}
