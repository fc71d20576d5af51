import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CommandLedger, CommandRecord } from './command-ledger';
import type { World, WorldOrganization } from './fault-world';
import { sleep, type RetryPolicy } from './retrying-client';

/** Probes retry quickly, so that the first success tells when the platform answered again. */
const PROBE_POLICY: RetryPolicy = { attemptTimeoutMs: 3_000, giveUpMs: 30_000, backoffMinMs: 100, backoffMaxMs: 300, retryAfterCapMs: 300 };

/** Milliseconds from a reference moment to the first success of each probe; null: none within the bound. */
export interface RecoveryTimes {
  firstReadMs: number | null;
  firstOrderMs: number | null;
  /** The probe order's subscription listed as active: events flow again from approvals through the catalog. */
  orderAppliedMs: number | null;
}

/** The first successful authenticated read (a subscriptions list) after `from`, retried every 200 ms. */
async function firstRead(org: WorldOrganization, from: number, boundMs: number): Promise<number | null> {
  while (Date.now() - from < boundMs) {
    const answer = await org.admin.read(`/organizations/${org.id}/subscriptions?limit=1`, 2_000);
    if (answer.ok) return Date.now() - from;
    await sleep(200);
  }
  return null;
}

async function whenListed(org: WorldOrganization, subscriptionId: string, from: number, boundMs: number): Promise<number | null> {
  while (Date.now() - from < boundMs) {
    const list = await org.admin.readAll<{ id: string; status: string }>(`/organizations/${org.id}/subscriptions`, 3_000);
    if (list.ok && list.body.some((s) => s.id === subscriptionId && s.status === 'active')) return Date.now() - from;
    await sleep(250);
  }
  return null;
}

/**
 * Measures from `from` (the end of a fault, or its start for a takeover) the first successful read, the first
 * acknowledged order (retried with one Idempotency-Key, recorded in the ledger like any command), and the moment the
 * catalog lists that order's subscription. Orders of the world's first organization without an approval limit.
 */
export async function probeRecovery(world: World, ledger: CommandLedger, from: number, boundMs: number): Promise<RecoveryTimes> {
  const org = world.organizations.find((o) => !o.limited) ?? world.organizations[0]!;
  const product = world.products.cheap;
  const quantity = 1 + Math.floor(Math.random() * 40);
  const [readMs, ordered] = await Promise.all([
    firstRead(org, from, boundMs),
    (async () => {
      const result = await org.admin.command(`/organizations/${org.id}/orders`, { productId: product.id, quantity }, { policy: { ...PROBE_POLICY, giveUpMs: Math.max(1_000, boundMs - (Date.now() - from)) } });
      const record: CommandRecord = { ...result, kind: 'order', organizationId: org.id, actorId: org.adminId, source: 'probe', productId: product.id, quantity };
      if (result.outcome === 'acknowledged') record.subscriptionId = result.response?.subscriptionId;
      ledger.add(record);
      return record;
    })(),
  ]);
  const orderMs = ordered.outcome === 'acknowledged' ? ordered.answeredAt - from : null;
  const appliedMs = orderMs !== null && ordered.response?.status === 'approved' ? await whenListed(org, ordered.response.subscriptionId as string, from, boundMs + 15_000) : null;
  return { firstReadMs: readMs, firstOrderMs: orderMs, orderAppliedMs: appliedMs };
}

export interface RecoveryRow extends RecoveryTimes {
  case: string;
  faultMs: number;
  /** The standby took over (freeze only): from the freeze to an order placed during it being applied. */
  takeoverMs?: number | null;
  commands?: number;
  retried?: number;
  unknown?: number;
  mailRepeats?: number;
  problems?: number;
  repaired: boolean;
}

const seconds = (ms: number | null | undefined): string => (ms === undefined ? '' : ms === null ? 'none' : (ms / 1000).toFixed(1));

/** The measured recovery times as a table for the console, and as JSON in `file`. */
export function reportRecovery(rows: readonly RecoveryRow[], file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), cases: rows }, null, 2)}\n`);
  const header = ['case', 'fault s', 'first read s', 'first order s', 'order applied s', 'takeover s', 'commands', 'retried', 'no answer', 'mail repeats', 'problems', 'repaired'];
  const body = rows.map((r) => [
    r.case,
    seconds(r.faultMs),
    seconds(r.firstReadMs),
    seconds(r.firstOrderMs),
    seconds(r.orderAppliedMs),
    seconds(r.takeoverMs),
    String(r.commands ?? ''),
    String(r.retried ?? ''),
    String(r.unknown ?? ''),
    String(r.mailRepeats ?? ''),
    String(r.problems ?? ''),
    r.repaired ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)].join('\n');
}
