import { randomUUID } from 'node:crypto';
import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { BillingDetailsRequest, BillingRpc, SetBillingDetailsRequest, type BillingDetailsView } from '@broker/contracts';
import { handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE, OrganizationAccessClient } from '@broker/runtime';
import { DETAILS_READERS, DETAILS_WRITERS } from '../shared/billing-access';
import { BillingDetailsVersionMismatchError, detailsVersion } from './billing-details-version';
import { billingDetailsDecider, billingDetailsStreamId, type BillingDetailsEvent, type BillingDetailsState, type SetBillingDetails } from './domain/billing-details.decider';

function view(organizationId: string, state: BillingDetailsState, version: string): BillingDetailsView {
  if (state.status === 'none') {
    return { organizationId, billingContactName: null, billingEmail: null, purchaseOrderReference: null, invoiceAddress: null, updatedAt: null, updatedBy: null, version };
  }
  return { organizationId, ...state.details, updatedAt: state.updatedAt, updatedBy: state.updatedBy, version };
}

/** An organization's billing details, read from their stream: a GET right after a PUT sees it. */
@Controller()
export class BillingDetailsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organizations: OrganizationAccessClient,
  ) {}

  @RpcHandler(BillingRpc.getDetails)
  async get(@Payload() request: BillingDetailsRequest): Promise<BillingDetailsView> {
    await this.organizations.authorize(request.actor, request.organizationId, DETAILS_READERS);
    const { state, revision } = await this.load(request.organizationId);
    return view(request.organizationId, state, detailsVersion(revision));
  }

  @RpcHandler(BillingRpc.setDetails)
  async set(@Payload() request: SetBillingDetailsRequest): Promise<BillingDetailsView> {
    const { actor, organizationId, expectedVersions } = request;
    const { resellerId } = await this.organizations.check(actor, organizationId, DETAILS_WRITERS);
    const command: SetBillingDetails = {
      type: 'SetBillingDetails',
      data: {
        organizationId, resellerId, billingContactName: request.billingContactName.trim(), billingEmail: request.billingEmail,
        purchaseOrderReference: request.purchaseOrderReference ?? null, invoiceAddress: request.invoiceAddress,
      },
      actorId: actor.userId,
      at: new Date(),
    };
    const metadata = commandMetadata(actor, { resellerId, organizationId });
    if (expectedVersions === undefined) {
      const result = await handleCommand(this.store, billingDetailsStreamId(organizationId), billingDetailsDecider, command, { metadata, retries: 3 });
      return view(organizationId, result.newState, detailsVersion(result.nextExpectedRevision));
    }
    return this.setAtExpectedVersion(command, metadata, expectedVersions);
  }

  /**
   * Decides on the details at one of the expected versions and appends at exactly that revision, so the version
   * check and the write are one step: a concurrent change makes the append fail, and this answers 412.
   */
  private async setAtExpectedVersion(command: SetBillingDetails, metadata: EventMetadata, expectedVersions: readonly string[]): Promise<BillingDetailsView> {
    const { organizationId } = command.data;
    const { state, revision } = await this.load(organizationId);
    if (!expectedVersions.includes(detailsVersion(revision))) throw new BillingDetailsVersionMismatchError();
    const events = billingDetailsDecider.decide(command, state);
    if (events.length === 0) return view(organizationId, state, detailsVersion(revision));
    try {
      const appended = await this.store.appendToStream(
        billingDetailsStreamId(organizationId),
        events.map((event) => ({ id: randomUUID(), type: event.type, data: { ...event.data }, metadata: { ...metadata } })),
        revision ?? 'no_stream',
      );
      return view(organizationId, events.reduce(billingDetailsDecider.evolve, state), detailsVersion(appended.nextExpectedRevision));
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new BillingDetailsVersionMismatchError();
      throw error;
    }
  }

  private async load(organizationId: string): Promise<{ state: BillingDetailsState; revision: bigint | undefined }> {
    const events = await this.store.readStream(billingDetailsStreamId(organizationId));
    const state = events.reduce((s, e) => billingDetailsDecider.evolve(s, { type: e.type, data: e.data } as unknown as BillingDetailsEvent), billingDetailsDecider.initialState());
    return { state, revision: events.at(-1)?.revision };
  }
}
