import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@broker/event-sourcing';
import { EVENT_STORE } from '@broker/runtime';
import { approvalPolicyDecider, type ApprovalPolicyState } from './domain/approval-policy.decider';
import { approvalPolicyStreamId, type ApprovalPolicyEvent } from './domain/approval-policy.events';

/** The policy in force, from its stream: a change is in force for the very next order. */
@Injectable()
export class ApprovalPolicyRepository {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(organizationId: string): Promise<ApprovalPolicyState> {
    return (await this.loadWithRevision(organizationId)).state;
  }

  /** The policy and its stream's revision (undefined while never set). */
  async loadWithRevision(organizationId: string): Promise<{ state: ApprovalPolicyState; revision: bigint | undefined }> {
    const events = await this.store.readStream(approvalPolicyStreamId(organizationId));
    const state = events.reduce((s, e) => approvalPolicyDecider.evolve(s, { type: e.type, data: e.data } as ApprovalPolicyEvent), approvalPolicyDecider.initialState());
    return { state, revision: events.at(-1)?.revision };
  }
}
