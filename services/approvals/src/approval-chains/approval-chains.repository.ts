import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { approvalChainsDecider, type ApprovalChainsState } from './domain/approval-chains.decider';
import { approvalChainsStreamId, type ApprovalChainsEvent } from './domain/approval-chains.events';

/** The chains in force, from their stream: a change applies to the very next request. */
@Injectable()
export class ApprovalChainsRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(organizationId: string): Promise<ApprovalChainsState> {
    return (await this.loadWithRevision(organizationId)).state;
  }

  /** The configuration and its stream's revision (undefined while never set). */
  async loadWithRevision(organizationId: string): Promise<{ state: ApprovalChainsState; revision: bigint | undefined }> {
    const events = await this.store.readStream(approvalChainsStreamId(organizationId));
    const state = events.reduce((s, e) => approvalChainsDecider.evolve(s, { type: e.type, data: e.data } as ApprovalChainsEvent), approvalChainsDecider.initialState());
    return { state, revision: events.at(-1)?.revision };
  }
}

/** The configuration's version: how many changes its stream holds ("0" while never set). */
export function chainsVersion(revision: bigint | undefined): string {
  return String((revision ?? -1n) + 1n);
}
