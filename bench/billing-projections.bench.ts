import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { formatCents, type ActorDto } from '@broker/contracts';
import { PostgresDocumentStore, PostgresEventStore, PostgresLeaseLock, type PostgresConnection } from '@broker/postgres';
import {
  addMonths, billingCollections, BillingReader, dateOfDay, dayOfInstant, describeHistory, ensureActiveVersion, firstDayOfMonth, formatMonth,
  monthOfDay, queryBillingReport, queryResellerSummary, rebuildBillingProjections, syntheticHistory, type SyntheticHistoryOptions, type YearMonth,
} from '../services/billing/src/testing';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { createBenchSchema } from './support/bench-postgres';
import { msSince, now, perSecond } from './support/clock';
import { log } from './support/report';
import { median, summarize } from './support/statistics';

/** The history of the issue: a reseller with 100 organizations x 5 subscriptions x 24 months. */
const ORGANIZATIONS = 100;
const SUBSCRIPTIONS = 5;
const MONTHS = 24;
const APPEND_BATCH = 100;
/** Rebuilds (ours) and raw reads (baseline) alternate this many times. */
const REBUILD_ROUNDS = 2;
const READ_BATCH = 500;
const REPORT_WARM_UP = 3;
/** Per side and query; ours and the baseline alternate call by call. */
const REPORT_SAMPLES = 15;

/**
 * The hand-written baseline: the same accrual rules as one SQL statement over the same read model (the projection's
 * JSONB documents): changes to day segments (the last change of a day wins), segments cut by month and billing start
 * date, each month-and-product line summed exactly in numeric and rounded half-up once. Tuned by hand: each document
 * is detoasted once (MATERIALIZED), and it runs with JIT off (its row estimates would otherwise make PostgreSQL spend
 * tens of milliseconds compiling it).
 */
function linesSql(connection: PostgresConnection, filter: 'reseller' | 'organization'): string {
  return `
WITH months AS (
  SELECT m::date AS m_start, (m + interval '1 month' - interval '1 day')::date AS m_end,
         extract(day FROM m + interval '1 month' - interval '1 day')::int AS dim
  FROM generate_series($3::date, $4::date, interval '1 month') AS m
),
orgs AS MATERIALIZED (
  SELECT id AS org, coalesce((data->>'billingStartDate')::date, '-infinity'::date) AS start_date, data->'subscriptions' AS subs
  FROM ${connection.qschema}.rm_documents
  WHERE collection = $1 AND ${filter === 'reseller' ? `(data->>'resellerId') COLLATE "C" = $2` : 'id = $2'} AND (data->>'registered')::boolean
),
changes AS (
  SELECT o.org, o.start_date, s.value->>'subscriptionId' AS sub, s.value->>'productId' AS product,
         (c.value->>'at')::timestamptz AS at, ((c.value->>'at')::timestamptz AT TIME ZONE 'UTC')::date AS day, c.ordinality AS ord,
         c.value->>'kind' AS kind, (c.value->>'quantity')::int AS qty,
         (c.value->>'unitPrice')::numeric AS price, (c.value->>'unitCost')::numeric AS cost,
         CASE c.value->>'billingFrequency' WHEN 'annual' THEN 1 ELSE 12 END AS factor
  FROM orgs o
  CROSS JOIN LATERAL jsonb_array_elements(o.subs) s
  CROSS JOIN LATERAL jsonb_array_elements(s.value->'changes') WITH ORDINALITY c
),
transitions AS (SELECT DISTINCT ON (org, sub, day) * FROM changes ORDER BY org, sub, day, at DESC, ord DESC),
segments AS (SELECT *, lead(day) OVER (PARTITION BY org, sub ORDER BY day) AS until FROM transitions),
charged AS (
  SELECT s.org, s.product, m.m_start, m.dim, s.qty, s.price, s.cost, s.factor,
         least(coalesce(s.until - 1, m.m_end), m.m_end) - greatest(s.day, m.m_start, s.start_date) + 1 AS days
  FROM segments s JOIN months m ON s.day <= m.m_end AND (s.until IS NULL OR s.until > m.m_start)
  WHERE s.kind <> 'cancelled' AND s.qty > 0
)
SELECT org, to_char(m_start, 'YYYY-MM') AS month, product,
       round(sum(days * qty * price * factor) / (12 * min(dim)), 2)::text AS revenue,
       round(sum(days * qty * cost * factor) / (12 * min(dim)), 2)::text AS cost
FROM charged WHERE days > 0 GROUP BY org, m_start, product ORDER BY org, m_start, product`;
}

interface SqlLine {
  org: string;
  month: string;
  product: string;
  revenue: string;
  cost: string;
}

const cents = (amount: string): bigint => BigInt(amount.replace('.', ''));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = now();
  const value = await work();
  return { ms: msSince(start), value };
}

/** Reads every event of the store in global order, batch by batch, with plain SQL (no port, no projection). */
async function rawRead(connection: PostgresConnection): Promise<number> {
  let after: [string, string] = ['0', '0'];
  let count = 0;
  for (;;) {
    // Aliases differ from the column names: ORDER BY would otherwise sort by the text aliases.
    const result = await connection.pool.query<{ tx: string; sq: string; data: unknown }>(
      `SELECT e.transaction_id::text AS tx, e.seq::text AS sq, e.event_id, e.stream_id, e.type, e.data, e.metadata FROM ${connection.qschema}.es_events e
       WHERE (e.transaction_id, e.seq) > ($1::text::xid8, $2::bigint) ORDER BY e.transaction_id, e.seq LIMIT ${READ_BATCH}`,
      after,
    );
    count += result.rows.length;
    if (result.rows.length < READ_BATCH) return count;
    const last = result.rows[result.rows.length - 1]!;
    after = [last.tx, last.sq];
  }
}

/**
 * Billing projections over a long history written straight into the billing event store: the rebuild rate (every
 * billing projection replayed from position zero by `rebuildBillingProjections`, the path of `npm run billing:rebuild`)
 * against a raw SQL read of the same events; then report latency (the reseller summary of one month across 100
 * organizations, and one organization's 25-month report) through the service's query code against a hand-written SQL
 * statement computing the same amounts over the same read model, checked to give the same numbers.
 */
export async function runBillingProjectionsBenchmark(): Promise<BenchmarkOutcome> {
  const schema = await createBenchSchema('bench_billing', 6);
  const { connection } = schema;
  const events = new PostgresEventStore(connection);
  const documents = new PostgresDocumentStore(connection);
  const lock = new PostgresLeaseLock(connection);
  let sqlClient: PoolClient | null = null;
  try {
    await events.init();
    await documents.init();
    const today = dayOfInstant(new Date().toISOString());
    const currentMonth = monthOfDay(today);
    const resellerId = randomUUID();
    const options: SyntheticHistoryOptions = { seed: resellerId, organizations: ORGANIZATIONS, subscriptionsPerOrganization: SUBSCRIPTIONS, months: MONTHS, lastMonth: addMonths(currentMonth, -1) };
    const history = syntheticHistory(resellerId, options);
    const total = history.reduce((sum, batch) => sum + batch.events.length, 0);
    const written = await timed(async () => {
      for (const batch of history) {
        for (let i = 0; i < batch.events.length; i += APPEND_BATCH) await events.appendToStream(batch.streamId, batch.events.slice(i, i + APPEND_BATCH), 'any');
      }
    });
    log(`  history: ${describeHistory(options)}: ${total.toLocaleString('en-US')} events written in ${(written.ms / 1000).toFixed(1)} s`);

    // Rebuild rate: ours and the raw read take turns.
    await ensureActiveVersion(documents.checkpoints);
    const rebuildRates: number[] = [];
    const readRates: number[] = [];
    for (let round = 0; round < REBUILD_ROUNDS; round++) {
      const rebuild = await timed(() => rebuildBillingProjections({ eventStore: events, documentStore: documents, leaderLock: lock, batchSize: READ_BATCH }));
      if (rebuild.value.eventsRead !== total) throw new Error(`Billing benchmark: the rebuild read ${rebuild.value.eventsRead} events, expected ${total}`);
      rebuildRates.push(perSecond(total, rebuild.ms));
      const read = await timed(() => rawRead(connection));
      if (read.value !== total) throw new Error(`Billing benchmark: the raw read found ${read.value} events, expected ${total}`);
      readRates.push(perSecond(total, read.ms));
      log(`  round ${round + 1}: rebuild into v${rebuild.value.to} ${Math.round(rebuildRates[round]!)} events/s, raw read ${Math.round(readRates[round]!)} events/s`);
    }

    // Report latency over the active version.
    const version = await ensureActiveVersion(documents.checkpoints);
    const collections = billingCollections(version);
    const reader = new BillingReader(documents, collections);
    const actor: ActorDto = { userId: randomUUID(), role: 'reseller_admin', resellerId, organizationId: null };
    const summaryMonth = addMonths(currentMonth, -1);
    const firstMonth = addMonths(currentMonth, -MONTHS);
    const organizationId = (await reader.organizationsOf(resellerId))[0]!.organizationId;
    const monthDate = (m: YearMonth) => dateOfDay(firstDayOfMonth(m));

    sqlClient = await connection.pool.connect();
    await sqlClient.query('SET jit = off');
    const sql = sqlClient;
    const oursSummary = () => queryResellerSummary(reader, { actor, month: formatMonth(summaryMonth) }, today);
    const sqlSummary = () => sql.query<SqlLine>(linesSql(connection, 'reseller'), [collections.organizations, resellerId, monthDate(summaryMonth), monthDate(summaryMonth)]);
    const oursReport = () => queryBillingReport(reader, { actor, organizationId, from: formatMonth(firstMonth), to: formatMonth(currentMonth), groupBy: 'service' }, today);
    const sqlReport = () => sql.query<SqlLine>(linesSql(connection, 'organization'), [collections.organizations, organizationId, monthDate(firstMonth), monthDate(currentMonth)]);
    // Not compared in the table: what fetching the summary's documents alone costs (the floor for computing in Node).
    const fetchOnly = async () => (await sql.query(`SELECT data FROM ${connection.qschema}.rm_documents WHERE collection = $1 AND (data->>'resellerId') COLLATE "C" = $2`, [collections.organizations, resellerId])).rows.length;

    // Both sides must give the same numbers before their speed means anything.
    const summary = await oursSummary();
    const bySql = new Map<string, { revenue: bigint; cost: bigint }>();
    for (const line of (await sqlSummary()).rows) {
      const entry = bySql.get(line.org) ?? { revenue: 0n, cost: 0n };
      bySql.set(line.org, { revenue: entry.revenue + cents(line.revenue), cost: entry.cost + cents(line.cost) });
    }
    for (const item of summary.items) {
      const sql = bySql.get(item.organizationId) ?? { revenue: 0n, cost: 0n };
      if (formatCents(sql.revenue) !== item.revenue || formatCents(sql.cost) !== item.cost) {
        throw new Error(`Billing benchmark: summary of ${item.organizationId} differs: ours ${item.revenue}/${item.cost}, SQL ${formatCents(sql.revenue)}/${formatCents(sql.cost)}`);
      }
    }
    if (summary.items.length !== ORGANIZATIONS || summary.totals.revenue === '0.00') throw new Error(`Billing benchmark: the summary holds ${summary.items.length} organizations, total ${summary.totals.revenue}`);
    const report = await oursReport();
    const reportSql = (await sqlReport()).rows.map((l) => `${l.month} ${l.product} ${l.revenue}`).sort();
    const reportOurs = report.lines.map((l) => `${l.month} ${l.productId} ${l.amount}`).sort();
    if (JSON.stringify(reportOurs) !== JSON.stringify(reportSql)) throw new Error(`Billing benchmark: the report differs from the SQL:\n${reportOurs.join('\n')}\n---\n${reportSql.join('\n')}`);

    const latency = async (ours: () => Promise<unknown>, baseline: () => Promise<unknown>) => {
      for (let i = 0; i < REPORT_WARM_UP; i++) {
        await ours();
        await baseline();
      }
      const samples = { ours: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < REPORT_SAMPLES; i++) {
        const order = i % 2 === 0 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const);
        for (const side of order) samples[side].push((await timed(side === 'ours' ? ours : baseline)).ms);
      }
      return { ours: summarize(samples.ours), baseline: summarize(samples.baseline) };
    };
    const summaryLatency = await latency(oursSummary, sqlSummary);
    const fetchLatency = await latency(fetchOnly, fetchOnly);
    const reportLatency = await latency(oursReport, sqlReport);
    log(`  reseller summary (${ORGANIZATIONS} organizations, ${summary.totals.revenue} revenue): median ${summaryLatency.ours.medianMs.toFixed(1)} ms, SQL ${summaryLatency.baseline.medianMs.toFixed(1)} ms (fetching its documents alone: ${fetchLatency.ours.medianMs.toFixed(1)} ms)`);
    log(`  organization report (${report.lines.length} lines over ${MONTHS + 1} months): median ${reportLatency.ours.medianMs.toFixed(1)} ms, SQL ${reportLatency.baseline.medianMs.toFixed(1)} ms`);

    const rebuildRate = median(rebuildRates);
    const readRate = median(readRates);
    return {
      name: 'billing-projections',
      rows: [
        compare({ benchmark: 'Billing', metric: `reseller summary, ${ORGANIZATIONS} orgs (median)`, unit: 'ms', better: 'lower', ours: summaryLatency.ours.medianMs, baseline: summaryLatency.baseline.medianMs, baselineLabel: 'hand-written SQL, same read model' }),
        compare({ benchmark: 'Billing', metric: `org report, ${MONTHS + 1} months (median)`, unit: 'ms', better: 'lower', ours: reportLatency.ours.medianMs, baseline: reportLatency.baseline.medianMs, baselineLabel: 'hand-written SQL, same read model' }),
        compare({ benchmark: 'Billing', metric: 'projection rebuild', unit: 'events/s', better: 'higher', ours: rebuildRate, baseline: readRate, baselineLabel: 'raw SQL read of the same events', goal: { ratio: 0.25, value: 30_000 } }),
      ],
      details: {
        history: { ...options, lastMonth: formatMonth(options.lastMonth), events: total, writeMs: written.ms },
        rebuild: { rounds: REBUILD_ROUNDS, batchSize: READ_BATCH, rebuildEventsPerSecond: rebuildRates, rawReadEventsPerSecond: readRates },
        summary: { month: formatMonth(summaryMonth), organizations: summary.items.length, totals: summary.totals, latency: summaryLatency, documentFetchOnly: fetchLatency.ours },
        report: { organizationId, lines: report.lines.length, total: report.total, latency: reportLatency },
      },
    };
  } finally {
    sqlClient?.release();
    await lock.close().catch(() => undefined);
    await events.close().catch(() => undefined);
    await schema.drop();
  }
}
