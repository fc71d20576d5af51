import { setMaxListeners } from 'node:events';
import { CommandLedger, type CommandKind, type CommandRecord } from './command-ledger';
import type { Product, World, WorldOrganization } from './fault-world';
import { CAREFUL_CLIENT, sleep, type CommandResult, type RetryingClient, type RetryPolicy } from './retrying-client';

export interface LoadOptions {
  /** Commands a second, all clients together. */
  ratePerSecond: number;
  /** No more commands than this in one run. */
  maxCommands: number;
  workersPerOrganization: number;
  approvers: number;
  policy: RetryPolicy;
}

export const DEFAULT_LOAD: LoadOptions = { ratePerSecond: 25, maxCommands: 1500, workersPerOrganization: 3, approvers: 2, policy: CAREFUL_CLIENT };

/** What the clients believe of a subscription: only to choose sensible commands, never to check anything. */
interface Believed {
  organizationId: string;
  product: Product;
  quantity: number;
  activeSince: number;
  cancelSent: boolean;
}

type PendingEffect = { subscriptionId: string; kind: 'order' | 'change' | 'cancel'; product: Product; organizationId: string; quantity: number };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const between = (min: number, max: number): number => min + Math.floor(Math.random() * (max - min + 1));

/** Quantities up to which an order or an increase stays at or under the 1000.00 limit: 83 × 12.00, 8 × 120.00, 2 × 400.00. */
const MAX_QUANTITY = { cheap: 40, seat: 16, annual: 5 };

/**
 * Bounded load through the public API, as the organizations and their reseller would make it: org admins order,
 * change quantities and cancel; the reseller admin approves and rejects what waits for a decision (and now and then
 * decides something decided already, which must be refused). Every command goes through a careful client (retries
 * with the same Idempotency-Key) and lands in the ledger with its outcome.
 */
export class LoadGenerator {
  private running = false;
  private readonly stopSignal = new AbortController();
  private readonly workers: Promise<void>[] = [];
  private nextSlot = 0;
  private issued = 0;
  private readonly believed = new Map<string, Believed>();
  private readonly pending = new Map<string, PendingEffect>();
  private readonly decided = new Set<string>();
  private readonly decidedAcknowledged: string[] = [];

  constructor(
    private readonly world: World,
    readonly ledger: CommandLedger,
    private readonly options: LoadOptions = DEFAULT_LOAD,
  ) {
    // Every command in flight and every wait listens to it.
    setMaxListeners(1000, this.stopSignal.signal);
  }

  get commandsIssued(): number {
    return this.issued;
  }

  start(): void {
    this.running = true;
    for (const org of this.world.organizations) {
      for (let i = 0; i < this.options.workersPerOrganization; i++) this.workers.push(this.orgAdmin(org));
    }
    for (let i = 0; i < this.options.approvers; i++) this.workers.push(this.approver(i));
  }

  /**
   * Issues no new command; waits up to `drainMs` for those still retrying to get an answer, then stops them (their
   * outcome stays unknown).
   */
  async stop(drainMs: number): Promise<void> {
    this.running = false;
    const waited = new AbortController();
    const drained = Promise.all(this.workers).then(() => true);
    const inTime = await Promise.race([drained, sleep(drainMs, waited.signal).then(() => false)]);
    waited.abort();
    if (!inTime) {
      this.stopSignal.abort();
      await drained;
    }
  }

  /** Waits for the next slot of the shared rate; false once the load stops or its budget is spent. */
  private async slot(): Promise<boolean> {
    if (!this.running || this.issued >= this.options.maxCommands) return false;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + 1000 / this.options.ratePerSecond;
    if (at > now) await sleep(at - now, this.stopSignal.signal);
    if (!this.running || this.issued >= this.options.maxCommands) return false;
    this.issued++;
    return true;
  }

  private async send(
    client: RetryingClient,
    path: string,
    body: unknown,
    meta: Omit<CommandRecord, keyof CommandResult | 'source'>,
  ): Promise<CommandRecord> {
    const result = await client.command(path, body, { policy: this.options.policy, signal: this.stopSignal.signal });
    const record: CommandRecord = { ...result, ...meta, source: 'load' };
    if (record.kind === 'order' && record.outcome === 'acknowledged') record.subscriptionId = record.response?.subscriptionId;
    this.ledger.add(record);
    return record;
  }

  private async orgAdmin(org: WorldOrganization): Promise<void> {
    while (await this.slot()) {
      const mine = [...this.believed.entries()].filter(([, s]) => s.organizationId === org.id && !s.cancelSent && Date.now() - s.activeSince > 1500);
      const roll = Math.random();
      if (mine.length < 2 || roll < 0.45) await this.order(org);
      else if (roll < 0.88) await this.change(org, pick(mine));
      else await this.cancel(org, pick(mine));
    }
  }

  private chooseProduct(): { product: Product; max: number } {
    const roll = Math.random();
    const { cheap, seat, annual } = this.world.products;
    if (roll < 0.35) return { product: cheap, max: MAX_QUANTITY.cheap };
    if (roll < 0.8) return { product: seat, max: MAX_QUANTITY.seat };
    return { product: annual, max: MAX_QUANTITY.annual };
  }

  private maxOf(product: Product): number {
    const { cheap, seat } = this.world.products;
    return product.id === cheap.id ? MAX_QUANTITY.cheap : product.id === seat.id ? MAX_QUANTITY.seat : MAX_QUANTITY.annual;
  }

  private async order(org: WorldOrganization): Promise<void> {
    const { product, max } = this.chooseProduct();
    const quantity = between(1, max);
    const record = await this.send(org.admin, `/organizations/${org.id}/orders`, { productId: product.id, quantity }, { kind: 'order', organizationId: org.id, actorId: org.adminId, productId: product.id, quantity });
    if (record.outcome !== 'acknowledged') return;
    const subscriptionId = record.response.subscriptionId as string;
    if (record.response.status === 'approved') this.believed.set(subscriptionId, { organizationId: org.id, product, quantity, activeSince: Date.now(), cancelSent: false });
    else this.pending.set(record.response.transactionId, { subscriptionId, kind: 'order', product, organizationId: org.id, quantity });
  }

  private async change(org: WorldOrganization, [subscriptionId, believed]: [string, Believed]): Promise<void> {
    let quantity = between(1, this.maxOf(believed.product));
    if (quantity === believed.quantity) quantity = quantity === 1 ? 2 : quantity - 1;
    const record = await this.send(org.admin, `/organizations/${org.id}/subscriptions/${subscriptionId}/changes`, { quantity }, {
      kind: 'change',
      organizationId: org.id,
      actorId: org.adminId,
      productId: believed.product.id,
      subscriptionId,
      quantity,
    });
    if (record.outcome !== 'acknowledged') return;
    if (record.response.status === 'approved') believed.quantity = quantity;
    else this.pending.set(record.response.transactionId, { subscriptionId, kind: 'change', product: believed.product, organizationId: org.id, quantity });
  }

  private async cancel(org: WorldOrganization, [subscriptionId, believed]: [string, Believed]): Promise<void> {
    believed.cancelSent = true;
    const record = await this.send(org.admin, `/organizations/${org.id}/subscriptions/${subscriptionId}/cancel`, {}, {
      kind: 'cancel',
      organizationId: org.id,
      actorId: org.adminId,
      productId: believed.product.id,
      subscriptionId,
    });
    if (record.outcome === 'acknowledged' && record.response.status === 'approved') this.believed.delete(subscriptionId);
  }

  private async approver(index: number): Promise<void> {
    const organizations = new Set(this.world.organizations.map((o) => o.id));
    while (this.running) {
      const listed = await this.world.approver.read<{ items: { transactionId: string; organizationId: string }[] }>('/approvals?status=pending&limit=500', 3000, this.stopSignal.signal);
      const mine = listed.ok
        ? listed.body.items.filter((p) => organizations.has(p.organizationId) && !this.decided.has(p.transactionId) && hash(p.transactionId) % this.options.approvers === index)
        : [];
      for (const item of mine) {
        if (!(await this.slot())) return;
        this.decided.add(item.transactionId);
        await this.decide(item.transactionId, item.organizationId, Math.random() < 0.7 ? 'approve' : 'reject');
      }
      // Now and then a second decision on a decided transaction: it must be refused and change nothing.
      if (this.decidedAcknowledged.length > 0 && Math.random() < 0.2 && (await this.slot())) {
        const [transactionId, organizationId] = pick(this.decidedAcknowledged).split('|') as [string, string];
        await this.decide(transactionId, organizationId, Math.random() < 0.5 ? 'approve' : 'reject');
      }
      await sleep(mine.length === 0 ? 400 : 50, this.stopSignal.signal);
    }
  }

  private async decide(transactionId: string, organizationId: string, kind: Extract<CommandKind, 'approve' | 'reject'>): Promise<void> {
    const body = kind === 'approve' ? { comment: 'Approved under load' } : { reason: 'Rejected under load' };
    const record = await this.send(this.world.approver, `/approvals/${transactionId}/${kind}`, body, { kind, organizationId, actorId: this.world.approverId, transactionId });
    if (record.outcome !== 'acknowledged') return;
    this.decidedAcknowledged.push(`${transactionId}|${organizationId}`);
    const effect = this.pending.get(transactionId);
    this.pending.delete(transactionId);
    if (!effect || kind === 'reject') return;
    if (effect.kind === 'order') {
      this.believed.set(effect.subscriptionId, { organizationId: effect.organizationId, product: effect.product, quantity: effect.quantity, activeSince: Date.now(), cancelSent: false });
    } else if (effect.kind === 'change') {
      const believed = this.believed.get(effect.subscriptionId);
      if (believed) believed.quantity = effect.quantity;
    } else {
      this.believed.delete(effect.subscriptionId);
    }
  }
}

function hash(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
