import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RpcHandler } from '@broker/messaging';
import { ChangeResellerPropertiesRequest, GetResellerPropertiesRequest, ResellerRpc, type ActorDto, type ResellerPropertiesView } from '@broker/contracts';
import { handleCommand, type EventStore } from '@broker/event-sourcing';
import { commandMetadata, EVENT_STORE } from '@broker/runtime';
import { resellerDecider, type ResellerState } from '../domain/reseller.decider';
import { resellerStreamId, type ResellerEvent } from '../domain/reseller.events';
import { ResellerNotFoundError } from '../domain/reseller.errors';

/**
 * A reseller's notification and support e-mails, read from and written to its stream. The platform admin and
 * the reseller's own admins may use them; anyone else is answered "not found", as for a missing reseller.
 */
@Controller()
export class ResellerPropertiesController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @RpcHandler(ResellerRpc.getProperties)
  async get(@Payload() request: GetResellerPropertiesRequest): Promise<ResellerPropertiesView> {
    assertMayUse(request.actor, request.resellerId);
    const events = await this.store.readStream(resellerStreamId(request.resellerId));
    const state = events.reduce((s, e) => resellerDecider.evolve(s, { type: e.type, data: e.data } as ResellerEvent), resellerDecider.initialState());
    return toProperties(state, request.resellerId);
  }

  /** "Set to": records nothing when both are already so. */
  @RpcHandler(ResellerRpc.changeProperties)
  async change(@Payload() request: ChangeResellerPropertiesRequest): Promise<ResellerPropertiesView> {
    const { actor, resellerId, notificationEmail, supportEmail } = request;
    assertMayUse(actor, resellerId);
    const result = await handleCommand(
      this.store,
      resellerStreamId(resellerId),
      resellerDecider,
      { type: 'ChangeResellerProperties', data: { resellerId, notificationEmail, supportEmail }, actorId: actor.userId, at: new Date() },
      { metadata: commandMetadata(actor, { resellerId }), retries: 3 },
    );
    return toProperties(result.newState, resellerId);
  }
}

function assertMayUse(actor: ActorDto, resellerId: string): void {
  const allowed = actor.role === 'platform_admin' || (actor.role === 'reseller_admin' && actor.resellerId === resellerId);
  if (!allowed) throw new ResellerNotFoundError(resellerId);
}

function toProperties(state: ResellerState, resellerId: string): ResellerPropertiesView {
  if (state.status === 'none') throw new ResellerNotFoundError(resellerId);
  return { notificationEmail: state.notificationEmail, supportEmail: state.supportEmail };
}
