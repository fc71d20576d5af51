import { createHash } from 'node:crypto';
import { describeCommand, type CommandLedger, type CommandRecord } from './command-ledger';
import { billingMonthOf, dayOf, expectedServiceLines, formatCents, type BillingMonth, type ChargedSubscription } from './expected-billing';
import type { Product, World, WorldOrganization } from './fault-world';
import { sleep, type ReadResult } from './retrying-client';
import type { ReceivedMail } from './smtp-receiver';

/**
 * What must hold after a fault, once the platform has quiesced, judged against the ledger of every command the
 * clients sent (never against the services' own code):
 * - nothing acknowledged is lost: every acknowledged transaction exists, with the acknowledged or a later legitimate
 *   status; every acknowledged decision holds;
 * - a refused command (4xx) had no effect, and no command took effect twice (one transaction per command);
 * - each subscription is what the approved transactions give, applied in their decided order, and no approval was
 *   decided against a subscription that had changed since the request (that must answer 409);
 * - the billing report of the month bills exactly that (amounts computed here), and the catalog's quantities;
 * - every approval e-mail was sent once: distinct Message-IDs per transaction, kind and recipient (a repeat with the
 *   same Message-ID is ADR 0008's resend window: allowed, counted).
 */

export type ProblemKind =
  | 'lost'
  | 'doubled'
  | 'refused-took-effect'
  | 'stale-decision'
  | 'unexplained'
  | 'timing'
  | 'catalog'
  | 'billing'
  | 'mail'
  | 'parked'
  | 'unreadable';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

export interface VerificationStats {
  commands: number;
  acknowledged: number;
  refused: number;
  unknown: number;
  retried: number;
  transactions: number;
  pendingAtEnd: number;
  subscriptions: number;
  approvalMails: number;
  /** Distinct approval e-mails (transaction, kind, recipient) the transactions call for. */
  expectedMails: number;
  /** Identical copies (same Message-ID) received more than once. */
  mailRepeats: number;
  /** Commands a second while the load ran, and the answer time of acknowledged commands' last attempts. */
  commandsPerSecond: number;
  latencyMs: { p50: number; p95: number };
}

export interface Verification {
  problems: Problem[];
  stats: VerificationStats;
  /** Changes whenever anything the checks read changes: the platform is quiet once it stays the same. */
  fingerprint: string;
}

interface Transaction {
  id: string;
  organizationId: string;
  type: 'order' | 'change' | 'cancel';
  status: 'pending_approval' | 'approved' | 'rejected' | 'withdrawn';
  productId: string;
  subscriptionId: string;
  quantity: number;
  previousQuantity: number;
  unitPrice: string;
  requestedBy: string;
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
}

interface Subscription {
  id: string;
  productId: string;
  quantity: number;
  status: string;
}

interface ReportLine {
  month: string;
  productId: string;
  quantity: number;
  amount: string;
}

/** Slack for comparing the services' clock with the clients' (one machine, one clock; timer and rounding noise). */
const CLOCK_SLACK_MS = 50;

const at = (iso: string | undefined): number => (iso ? Date.parse(iso) : Number.NaN);
const iso = (ms: number): string => new Date(ms).toISOString();
const within = (instant: number, record: CommandRecord): boolean => instant >= record.sentAt - CLOCK_SLACK_MS && instant <= record.answeredAt + CLOCK_SLACK_MS;
const decisionStatus = (kind: CommandRecord['kind']): Transaction['status'] => (kind === 'approve' ? 'approved' : 'rejected');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function describeTransaction(tx: Transaction): string {
  const what = tx.type === 'order' ? `order ${tx.quantity}` : tx.type === 'change' ? `change ${tx.previousQuantity}->${tx.quantity}` : 'cancel';
  return `${tx.id} (${what}, ${tx.status}, requested ${tx.requestedAt}${tx.decidedAt ? `, decided ${tx.decidedAt} by ${tx.decidedBy}` : ''})`;
}

/**
 * Approved transactions by decision time. Two of one subscription decided in the same millisecond go in the order
 * their own facts tell: the one requested against the quantity the other left comes second.
 */
function inDecidedOrder(approved: Transaction[]): Transaction[] {
  const sorted = [...approved].sort((a, b) => at(a.decidedAt) - at(b.decidedAt) || at(a.requestedAt) - at(b.requestedAt) || a.id.localeCompare(b.id));
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [a, b] = [sorted[i]!, sorted[i + 1]!];
    if (at(a.decidedAt) === at(b.decidedAt) && a.subscriptionId === b.subscriptionId && a.type !== 'order' && b.type === 'change' && b.previousQuantity !== a.quantity && a.previousQuantity === b.quantity) {
      [sorted[i], sorted[i + 1]] = [b, a];
    }
  }
  return sorted;
}

type Report = { lines: ReportLine[]; total: string };
type Add = (kind: ProblemKind, message: string) => void;

/** One organization as the platform shows it, with the commands the clients sent about it. */
interface OrganizationView {
  org: WorldOrganization;
  txs: Map<string, Transaction>;
  subs: Map<string, Subscription>;
  report: ReadResult<Report>;
  requests: CommandRecord[];
  /** Decision commands by the transaction they decide. */
  decisions: Map<string, CommandRecord[]>;
}

/** A subscription as the approved transactions make it, in decided order. */
interface Replayed {
  productId: string;
  quantity: number;
  status: 'active' | 'cancelled';
  history: Transaction[];
  changes: { at: number; quantity: number | null }[];
}

/** Reads what the platform holds for the world and checks it against the ledger. */
export async function verifyWorld(world: World, ledger: CommandLedger, mails: readonly ReceivedMail[]): Promise<Verification> {
  const problems: Problem[] = [];
  const add: Add = (kind, message) => problems.push({ kind, message: `${world.name}: ${message}` });
  const month = billingMonthOf(Date.now());
  const products = new Map<string, Product>(Object.values(world.products).map((p) => [p.id, p]));
  const allTransactions = new Map<string, Transaction>();
  const fingerprint = createHash('sha256');
  let subscriptionsSeen = 0;

  for (const org of world.organizations) {
    const [txRead, subRead, report] = await Promise.all([
      world.approver.readAll<Transaction>(`/organizations/${org.id}/transactions`),
      world.approver.readAll<Subscription>(`/organizations/${org.id}/subscriptions`),
      world.approver.read<Report>(`/organizations/${org.id}/billing/report?from=${month.month}&to=${month.month}&groupBy=service`, 10_000),
    ]);
    if (!txRead.ok || !subRead.ok) {
      add('unreadable', `organization ${org.id}: transactions or subscriptions do not answer (${!txRead.ok ? txRead.error : ''}${!subRead.ok ? subRead.error : ''})`);
      fingerprint.update(`unreadable ${org.id}`);
      continue;
    }
    const commands = ledger.records.filter((r) => r.organizationId === org.id);
    const view: OrganizationView = {
      org,
      txs: new Map(txRead.body.map((t) => [t.id, t])),
      subs: new Map(subRead.body.map((s) => [s.id, s])),
      report,
      requests: commands.filter((r) => r.kind === 'order' || r.kind === 'change' || r.kind === 'cancel'),
      decisions: new Map(),
    };
    for (const d of commands.filter((r) => r.kind === 'approve' || r.kind === 'reject')) view.decisions.set(d.transactionId!, [...(view.decisions.get(d.transactionId!) ?? []), d]);
    for (const tx of view.txs.values()) allTransactions.set(tx.id, tx);
    subscriptionsSeen += view.subs.size;
    fingerprint.update(JSON.stringify([...view.txs.values()].map((t) => [t.id, t.status]).sort()));
    fingerprint.update(JSON.stringify([...view.subs.values()].map((s) => [s.id, s.quantity, s.status]).sort()));
    fingerprint.update(report.ok ? report.body.total : 'no report');

    const acknowledgedIds = checkAcknowledgedRequests(view, add);
    checkAcknowledgedDecisions(view, add);
    checkEveryDecisionAsked(view, add);
    checkOneTransactionPerCommand(view, acknowledgedIds, add);
    const expected = replaySubscriptions(view, add);
    checkCatalog(view, expected, add);
    checkBilling(view, expected, products, month, add);
  }
  const mailCounts = checkMails(world, allTransactions, mails, add);
  fingerprint.update(`mails ${mailCounts.approvalMails}`);

  return {
    problems,
    fingerprint: fingerprint.digest('hex'),
    stats: {
      ...ledgerStats(ledger),
      transactions: allTransactions.size,
      pendingAtEnd: [...allTransactions.values()].filter((t) => t.status === 'pending_approval').length,
      subscriptions: subscriptionsSeen,
      ...mailCounts,
    },
  };
}

/** Acknowledged requests exist, as acknowledged, made while their command was sent; returns their transaction ids. */
function checkAcknowledgedRequests({ org, txs, requests }: OrganizationView, add: Add): Set<string> {
  const acknowledgedIds = new Set<string>();
  for (const r of requests.filter((c) => c.outcome === 'acknowledged')) {
    const id = r.response?.transactionId as string;
    acknowledgedIds.add(id);
    const tx = txs.get(id);
    if (!tx) {
      add('lost', `acknowledged ${describeCommand(r)} created transaction ${id}, which GET /organizations/${org.id}/transactions does not have`);
      continue;
    }
    const expectedSubscription = r.kind === 'order' ? r.response?.subscriptionId : r.subscriptionId;
    const mismatch = [
      tx.type !== r.kind && `type ${tx.type}`,
      tx.productId !== r.productId && `product ${tx.productId}`,
      tx.subscriptionId !== expectedSubscription && `subscription ${tx.subscriptionId}`,
      r.kind !== 'cancel' && tx.quantity !== r.quantity && `quantity ${tx.quantity}`,
    ].filter(Boolean);
    if (mismatch.length > 0) add('lost', `transaction ${id} of ${describeCommand(r)} holds ${mismatch.join(', ')} instead`);
    if (r.response?.status === 'approved' && tx.status !== 'approved') add('lost', `${describeCommand(r)} was acknowledged as approved; transaction ${describeTransaction(tx)}`);
    if (r.response?.status === 'pending_approval' && tx.decidedBy === 'policy') add('unexplained', `${describeCommand(r)} was acknowledged as pending; transaction ${describeTransaction(tx)} says approved by policy`);
    if (!within(at(tx.requestedAt), r)) add('timing', `transaction ${describeTransaction(tx)} was requested outside its command's time (${iso(r.sentAt)} to ${iso(r.answeredAt)}): ${describeCommand(r)}`);
    if (r.response?.status === 'approved' && tx.status === 'approved' && !within(at(tx.decidedAt), r)) {
      add('timing', `transaction ${describeTransaction(tx)} was approved by policy outside its command's time (${iso(r.sentAt)} to ${iso(r.answeredAt)})`);
    }
  }
  return acknowledgedIds;
}

/** Acknowledged decisions hold, once each, decided while their command was sent. */
function checkAcknowledgedDecisions({ txs, decisions }: OrganizationView, add: Add): void {
  for (const [transactionId, ds] of decisions) {
    const tx = txs.get(transactionId);
    const acknowledged = ds.filter((d) => d.outcome === 'acknowledged');
    if (acknowledged.length === 0) continue;
    if (!tx) {
      add('lost', `decided transaction ${transactionId} is missing from the organization's transactions: ${acknowledged.map(describeCommand).join('; ')}`);
      continue;
    }
    if (acknowledged.length > 1) {
      add('doubled', `transaction ${describeTransaction(tx)} was decided by ${acknowledged.length} acknowledged commands; a decided transaction answers 409: ${acknowledged.map(describeCommand).join('; ')}`);
    }
    for (const d of acknowledged) {
      if (tx.status !== decisionStatus(d.kind)) add('lost', `acknowledged ${describeCommand(d)} does not hold: transaction ${describeTransaction(tx)}`);
      else if (!within(at(tx.decidedAt), d)) add('timing', `transaction ${describeTransaction(tx)} was decided outside the time of its acknowledged ${describeCommand(d)} (${iso(d.sentAt)} to ${iso(d.answeredAt)})`);
    }
  }
}

/** Every decision a person made is one the clients asked for, and not one they were refused. */
function checkEveryDecisionAsked({ txs, decisions }: OrganizationView, add: Add): void {
  for (const tx of txs.values()) {
    if (tx.status === 'pending_approval' || (tx.status === 'approved' && tx.decidedBy === 'policy')) continue;
    const asked = (decisions.get(tx.id) ?? []).filter((d) => tx.status === decisionStatus(d.kind));
    if (asked.some((d) => d.outcome !== 'refused')) continue;
    if (asked.length > 0) add('refused-took-effect', `transaction ${describeTransaction(tx)} though every such decision was refused: ${asked.map(describeCommand).join('; ')}`);
    else add('unexplained', `transaction ${describeTransaction(tx)}, a decision no client asked for`);
  }
}

/**
 * One transaction per command: a transaction nobody acknowledged must belong to a command whose outcome is unknown
 * (the client gave up: it may have taken effect once, whenever the platform got to it), one each. Any other is a
 * second execution of an answered command, or the effect of a refused one.
 */
function checkOneTransactionPerCommand({ txs, requests }: OrganizationView, acknowledgedIds: ReadonlySet<string>, add: Add): void {
  const extras = [...txs.values()].filter((tx) => !acknowledgedIds.has(tx.id)).sort((a, b) => at(a.requestedAt) - at(b.requestedAt));
  const claimed = new Set<CommandRecord>();
  const sameBody = (tx: Transaction) => (r: CommandRecord) =>
    r.kind === tx.type &&
    (tx.type === 'order' ? r.productId === tx.productId && r.quantity === tx.quantity : r.subscriptionId === tx.subscriptionId && (tx.type === 'cancel' || r.quantity === tx.quantity));
  for (const tx of extras) {
    const requested = at(tx.requestedAt);
    const alike = requests.filter((r) => sameBody(tx)(r) && r.sentAt - CLOCK_SLACK_MS <= requested);
    const owner = alike.find((r) => r.outcome === 'unknown' && !claimed.has(r));
    if (owner) {
      claimed.add(owner);
      continue;
    }
    const during = alike.filter((r) => within(requested, r));
    const acknowledged = during.filter((r) => r.outcome === 'acknowledged');
    // An earlier attempt of a retried command, held somewhere and run after the client had its answer.
    const late = alike.filter((r) => r.outcome === 'acknowledged' && r.attempts.length > 1 && r.answeredAt < requested);
    const refused = during.filter((r) => r.outcome === 'refused');
    if (acknowledged.length > 0) {
      add('doubled', `transaction ${describeTransaction(tx)} is a second one for ${acknowledged.map((r) => `${describeCommand(r)}, acknowledged as ${r.response?.transactionId}`).join('; ')}`);
    } else if (late.length > 0) {
      const r = late[late.length - 1]!;
      add(
        'doubled',
        `transaction ${describeTransaction(tx)} is a second one for ${describeCommand(r)}, acknowledged as ${r.response?.transactionId} at ${iso(r.answeredAt)}: ` +
          `an earlier attempt ran ${requested - r.answeredAt} ms after the client had its answer`,
      );
    } else if (refused.length > 0) {
      add('refused-took-effect', `transaction ${describeTransaction(tx)} exists though its command was refused: ${refused.map(describeCommand).join('; ')}`);
    } else {
      add('doubled', `transaction ${describeTransaction(tx)} belongs to no command of the clients`);
    }
  }
}

/**
 * The approved transactions applied in decided order. An approval against a subscription another approval moved
 * since the request (another quantity, or cancelled) is one the platform must refuse with 409.
 */
function replaySubscriptions({ txs }: OrganizationView, add: Add): Map<string, Replayed> {
  const expected = new Map<string, Replayed>();
  for (const tx of inDecidedOrder([...txs.values()].filter((t) => t.status === 'approved'))) {
    const s = expected.get(tx.subscriptionId);
    const decided = at(tx.decidedAt);
    const last = s?.history[s.history.length - 1];
    if (tx.type === 'order') {
      if (s) add('unexplained', `order ${describeTransaction(tx)} approved for subscription ${tx.subscriptionId}, which another approved order created already`);
      else expected.set(tx.subscriptionId, { productId: tx.productId, quantity: tx.quantity, status: 'active', history: [tx], changes: [{ at: decided, quantity: tx.quantity }] });
      continue;
    }
    if (!s) {
      add('unexplained', `${tx.type} ${describeTransaction(tx)} approved for subscription ${tx.subscriptionId}, which no approved order created`);
      continue;
    }
    if (s.status !== 'active') {
      add('stale-decision', `${tx.type} ${describeTransaction(tx)} of subscription ${tx.subscriptionId} approved after it was cancelled by ${describeTransaction(last!)}: it must be refused (409)`);
      continue;
    }
    if (tx.type === 'change' && tx.previousQuantity !== s.quantity) {
      add(
        'stale-decision',
        `change ${describeTransaction(tx)} of subscription ${tx.subscriptionId} approved against a stale subscription: requested against quantity ${tx.previousQuantity}, ` +
          `the subscription had quantity ${s.quantity} since ${describeTransaction(last!)}; it must be refused (409)`,
      );
    }
    s.history.push(tx);
    if (tx.type === 'change') {
      s.quantity = tx.quantity;
      s.changes.push({ at: decided, quantity: tx.quantity });
    } else {
      s.status = 'cancelled';
      s.changes.push({ at: decided, quantity: null });
    }
  }
  return expected;
}

/** GET subscriptions holds exactly the replayed subscriptions. */
function checkCatalog({ subs }: OrganizationView, expected: ReadonlyMap<string, Replayed>, add: Add): void {
  const historyOf = (s: Replayed) => s.history.map((tx) => `${tx.type}${tx.type === 'cancel' ? '' : ` ${tx.quantity}`} at ${tx.decidedAt} (${tx.id})`).join(', ');
  for (const [id, s] of expected) {
    const listed = subs.get(id);
    if (!listed) add('catalog', `subscription ${id} (${s.status}, quantity ${s.quantity}) is missing from GET subscriptions; approved: ${historyOf(s)}`);
    else if (listed.status !== s.status || listed.quantity !== s.quantity || listed.productId !== s.productId) {
      add('catalog', `subscription ${id}: the catalog has ${listed.status}, quantity ${listed.quantity}; the approved transactions in decided order give ${s.status}, quantity ${s.quantity}: ${historyOf(s)}`);
    }
  }
  for (const listed of subs.values()) {
    if (!expected.has(listed.id)) add('catalog', `subscription ${listed.id} (${listed.status}, quantity ${listed.quantity}) is in the catalog, but no approved order created it`);
  }
}

/** The month's report lines as the replayed subscriptions give them, and the catalog's seats. */
function checkBilling({ org, subs, report }: OrganizationView, expected: ReadonlyMap<string, Replayed>, products: ReadonlyMap<string, Product>, month: BillingMonth, add: Add): void {
  if (!report.ok) {
    add('unreadable', `organization ${org.id}: the billing report does not answer (${report.status} ${report.error})`);
    return;
  }
  const charged: ChargedSubscription[] = [...expected.values()].map((s) => {
    const product = products.get(s.productId)!;
    return { productId: s.productId, billingFrequency: product.billingFrequency, unitPriceCents: product.priceCents, changes: s.changes };
  });
  const lines = expectedServiceLines(charged, month, org.billingStartDate);
  const billed = new Map(report.body.lines.filter((l) => l.month === month.month).map((l) => [l.productId, l]));
  // Seats on a line are the most of one day: equal to the catalog's only while every change is of today.
  const allToday = [...expected.values()].every((s) => s.changes.every((c) => dayOf(c.at) === dayOf(Date.now())));
  for (const productId of new Set([...lines.keys(), ...billed.keys()])) {
    const want = lines.get(productId) ?? { quantity: 0, amount: '0.00' };
    const got = billed.get(productId) ?? { quantity: 0, amount: '0.00' };
    const name = products.get(productId)?.name ?? productId;
    if (want.amount !== got.amount || want.quantity !== got.quantity) {
      add('billing', `${month.month} line of ${name} (organization ${org.id}): billed quantity ${got.quantity}, amount ${got.amount}; the approved transactions give quantity ${want.quantity}, amount ${want.amount}`);
    }
    const inCatalog = [...subs.values()].filter((s) => s.productId === productId && s.status === 'active').reduce((sum, s) => sum + s.quantity, 0);
    if (allToday && got.quantity !== inCatalog) add('billing', `${name} (organization ${org.id}): the catalog holds ${inCatalog} active seats, billing bills ${got.quantity}`);
  }
  const total = formatCents([...lines.values()].reduce((sum, l) => sum + BigInt(l.amount.replace('.', '')), 0n));
  if (report.body.total !== total) add('billing', `${month.month} total of organization ${org.id}: billed ${report.body.total}, expected ${total}`);
}

/**
 * One approval request per transaction that waited for a decision, one decision mail per recipient per transaction a
 * person decided; counted by distinct Message-ID (a copy with the same Message-ID is a repeat, counted).
 */
function checkMails(world: World, transactions: ReadonlyMap<string, Transaction>, mails: readonly ReceivedMail[], add: Add): { approvalMails: number; expectedMails: number; mailRepeats: number } {
  const requesters = new Map(world.organizations.map((o) => [o.adminId, o.adminEmail]));
  const orgsById = new Map(world.organizations.map((o) => [o.id, o]));
  const expectedMails = new Map<string, Transaction>();
  for (const tx of transactions.values()) {
    const decidedByPerson = tx.status === 'rejected' || (tx.status === 'approved' && tx.decidedBy !== 'policy');
    if (tx.status === 'pending_approval' || decidedByPerson) expectedMails.set(`${tx.id}|requested|${world.notificationEmail}`, tx);
    if (!decidedByPerson) continue;
    const kind = tx.status === 'approved' ? 'approved' : 'rejected';
    const recipients = new Set([requesters.get(tx.requestedBy), orgsById.get(tx.organizationId)?.notificationEmail].filter((a): a is string => !!a));
    for (const to of recipients) expectedMails.set(`${tx.id}|${kind}|${to}`, tx);
  }
  const addresses = new Set([world.notificationEmail, ...world.organizations.flatMap((o) => [o.adminEmail, o.notificationEmail])]);
  const received = new Map<string, { ids: Set<string>; copies: number }>();
  let approvalMails = 0;
  for (const mail of mails) {
    const kind = mail.subject.startsWith('Approval needed:') ? 'requested' : mail.subject.startsWith('Approved:') ? 'approved' : mail.subject.startsWith('Rejected:') ? 'rejected' : null;
    if (!kind) continue;
    const to = mail.envelopeTo.filter((a) => addresses.has(a.toLowerCase()));
    if (to.length === 0) continue;
    approvalMails++;
    const ids = [...new Set(mail.text.match(UUID) ?? [])].filter((id) => transactions.has(id));
    if (ids.length === 0) {
      add('mail', `an e-mail "${mail.subject}" to ${to.join(', ')} (Message-ID ${mail.messageId}) names no transaction of this world`);
      continue;
    }
    for (const id of ids) {
      for (const address of to) {
        const key = `${id}|${kind}|${address.toLowerCase()}`;
        const entry = received.get(key) ?? { ids: new Set<string>(), copies: 0 };
        entry.ids.add(mail.messageId ?? `(none) ${mail.raw.length}`);
        entry.copies++;
        received.set(key, entry);
      }
    }
  }
  let mailRepeats = 0;
  for (const [key, tx] of expectedMails) {
    const [, kind, to] = key.split('|');
    const got = received.get(key);
    if (!got) add('mail', `no "${kind}" e-mail to ${to} for transaction ${describeTransaction(tx)}`);
    else if (got.ids.size > 1) add('mail', `the "${kind}" e-mail to ${to} for transaction ${tx.id} was sent ${got.ids.size} times with different Message-IDs: ${[...got.ids].join(', ')}`);
  }
  for (const [key, got] of received) {
    mailRepeats += got.copies - got.ids.size;
    if (expectedMails.has(key)) continue;
    const [id, kind, to] = key.split('|');
    add('mail', `unexpected "${kind}" e-mail to ${to} for transaction ${describeTransaction(transactions.get(id!)!)}`);
  }
  return { approvalMails, expectedMails: expectedMails.size, mailRepeats };
}

function ledgerStats(ledger: CommandLedger): Pick<VerificationStats, 'commands' | 'acknowledged' | 'refused' | 'unknown' | 'retried' | 'commandsPerSecond' | 'latencyMs'> {
  const records = ledger.records;
  const latencies = records.filter((r) => r.outcome === 'acknowledged').map((r) => r.attempts[r.attempts.length - 1]!.ms).sort((a, b) => a - b);
  const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] ?? 0;
  const span = records.length > 1 ? (Math.max(...records.map((r) => r.sentAt)) - Math.min(...records.map((r) => r.sentAt))) / 1000 : 1;
  return {
    commands: records.length,
    acknowledged: ledger.count('acknowledged'),
    refused: ledger.count('refused'),
    unknown: ledger.count('unknown'),
    retried: ledger.retried(),
    commandsPerSecond: Math.round((records.length / Math.max(span, 1)) * 10) / 10,
    latencyMs: { p50: quantile(0.5), p95: quantile(0.95) },
  };
}

/**
 * A failure a client may retry is answered 503 with Retry-After (api-v1.md, Conventions), never another 5xx: one line
 * per kind of other answer the clients got, with the first of them.
 */
export function retryContractProblems(ledger: CommandLedger): string[] {
  const failures = ledger.records.flatMap((r) => r.attempts.filter((a) => Number(a.outcome) >= 500 && (a.outcome !== '503' || !a.retryAfter)).map((a) => ({ r, a })));
  const byKind = new Map<string, { count: number; first: { r: CommandRecord; a: (typeof failures)[number]['a'] } }>();
  for (const failure of failures) {
    const kind = `${failure.a.outcome}${failure.a.retryAfter ? '' : ' without Retry-After'}`;
    const entry = byKind.get(kind) ?? { count: 0, first: failure };
    entry.count++;
    byKind.set(kind, entry);
  }
  return [...byKind].map(([kind, { count, first }]) => `${count} answer(s) ${kind}, instead of 503 with Retry-After; the first at ${iso(first.a.at)} to POST ${first.r.path}`);
}

/** Problems a lagging platform may still put right; the others, once seen, stay. */
const SETTLING: ReadonlySet<ProblemKind> = new Set(['lost', 'catalog', 'billing', 'mail', 'unreadable']);

/**
 * Checks until everything holds; or until only problems that cannot go away are left; or until what the checks
 * read has stayed the same for `quietMs` once `settledAt` has passed (redeliveries after a crash wait for the
 * consumers' ack wait); or until `boundMs` passed.
 */
export async function verifyOnceQuiet(
  check: () => Promise<Verification>,
  options: { quietMs: number; boundMs: number; settledAt: number },
): Promise<Verification & { waitedMs: number }> {
  const started = Date.now();
  let last = '';
  let changedAt = started;
  for (;;) {
    const result = await check();
    const now = Date.now();
    if (!result.problems.some((p) => SETTLING.has(p.kind))) return { ...result, waitedMs: now - started };
    if (result.fingerprint !== last) {
      last = result.fingerprint;
      changedAt = now;
    }
    if ((now - changedAt >= options.quietMs && now >= options.settledAt) || now - started >= options.boundMs) return { ...result, waitedMs: now - started };
    await sleep(1000);
  }
}

/** The problems grouped by kind, at most `perKind` of each spelled out. */
export function summarizeProblems(problems: readonly Problem[], perKind = 12): string {
  const byKind = new Map<ProblemKind, Problem[]>();
  for (const p of problems) byKind.set(p.kind, [...(byKind.get(p.kind) ?? []), p]);
  return [...byKind]
    .map(([kind, list]) => [`${kind}: ${list.length}`, ...list.slice(0, perKind).map((p) => `  - ${p.message}`), ...(list.length > perKind ? [`  - ... and ${list.length - perKind} more`] : [])].join('\n'))
    .join('\n');
}
