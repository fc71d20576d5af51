import type { CommandResult } from './retrying-client';

export type CommandKind = 'order' | 'change' | 'cancel' | 'approve' | 'reject';

/** One command the clients sent, with what they meant and what came of it. */
export interface CommandRecord extends CommandResult {
  kind: CommandKind;
  organizationId: string;
  actorId: string;
  /** `probe`: the recovery measurement's own orders. */
  source: 'load' | 'probe';
  productId?: string;
  /** Changes and cancellations: the subscription; orders: the one the answer names. */
  subscriptionId?: string;
  quantity?: number;
  /** Decisions: the transaction decided. */
  transactionId?: string;
}

const short = (id: string | undefined): string => (id ? id.slice(0, 8) : '?');

/** `order 12 × 3f2a…, key 9c1d…: 503, timeout, 201 -> 201 approved`: enough to find the command in the logs. */
export function describeCommand(c: CommandRecord): string {
  const what =
    c.kind === 'order'
      ? `order ${c.quantity} × product ${short(c.productId)}`
      : c.kind === 'change'
        ? `change of subscription ${short(c.subscriptionId)} to ${c.quantity}`
        : c.kind === 'cancel'
          ? `cancel of subscription ${short(c.subscriptionId)}`
          : `${c.kind} of transaction ${c.transactionId}`;
  const answer = c.outcome === 'unknown' ? 'no answer (gave up)' : `${c.status}${c.response?.status ? ` ${c.response.status}` : ''}`;
  return `${what} [key ${c.key}, attempts ${c.attempts.map((a) => a.outcome).join(', ')} -> ${answer}]`;
}

/** Every command of one fault case, in the order they were answered. */
export class CommandLedger {
  readonly records: CommandRecord[] = [];

  add(record: CommandRecord): void {
    this.records.push(record);
  }

  count(outcome?: CommandRecord['outcome']): number {
    return outcome ? this.records.filter((r) => r.outcome === outcome).length : this.records.length;
  }

  /** How many commands needed more than one attempt. */
  retried(): number {
    return this.records.filter((r) => r.attempts.length > 1).length;
  }
}
