import { randomUUID } from 'node:crypto';
import type { EventToAppend, ExpectedRevision } from '@broker/event-sourcing';
import { PostgresEventStore, type PostgresConnection } from '@broker/postgres';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { createBenchSchema } from './support/bench-postgres';
import { msSince, now, perSecond } from './support/clock';
import { log } from './support/report';
import { median } from './support/statistics';

const BASELINE_TABLE = 'bench_raw_events';
/** Ours and the baseline take turns in rounds, so drift on the shared machine hits both alike. */
const ROUNDS = 4;

interface Scenario {
  label: string;
  eventsPerCall: number;
  warmUpCalls: number;
  /** Per round, for each side. */
  callsPerRound: number;
  /** Calls go round-robin over this many streams: the first to each stream expects 'no_stream', later ones its exact revision. */
  streams: number;
}

const SINGLE: Scenario = { label: 'single events', eventsPerCall: 1, warmUpCalls: 200, callsPerRound: 500, streams: 250 };
const BATCH: Scenario = { label: 'batches of 50', eventsPerCall: 50, warmUpCalls: 10, callsPerRound: 40, streams: 20 };

interface Call {
  streamId: string;
  expected: ExpectedRevision;
  /** Revision of the first event of the call (the baseline writes revisions itself). */
  firstRevision: number;
  events: EventToAppend[];
}

function event(streamId: string, n: number): EventToAppend {
  return {
    id: randomUUID(),
    type: 'SubscriptionSeatsChanged',
    schemaVersion: 1,
    data: { subscriptionId: streamId, productId: 'prod-office-e3', seats: 10 + (n % 90), previousSeats: 10, reason: 'self-service change', effectiveFrom: '2025-11-26' },
    metadata: { correlationId: randomUUID(), causationId: randomUUID(), actorId: 'user-42', resellerId: 'res-1', organizationId: 'org-7' },
  };
}

/** The calls of one run, prepared before timing; identical for ours and the baseline. */
function prepareCalls(scenario: Scenario, calls: number): Call[] {
  const runId = randomUUID();
  const revisions = new Map<string, number>();
  const result: Call[] = [];
  for (let c = 0; c < calls; c++) {
    const streamId = `subscription-${runId}-${c % scenario.streams}`;
    const last = revisions.get(streamId);
    const events = Array.from({ length: scenario.eventsPerCall }, (_, i) => event(streamId, c * scenario.eventsPerCall + i));
    result.push({ streamId, expected: last === undefined ? 'no_stream' : BigInt(last), firstRevision: last === undefined ? 0 : last + 1, events });
    revisions.set(streamId, (last ?? -1) + scenario.eventsPerCall);
  }
  return result;
}

/** A plain table with the same columns, a bigserial id and the same two unique indexes as the event store's events. */
async function createBaselineTable(connection: PostgresConnection): Promise<string> {
  const table = `${connection.qschema}.${BASELINE_TABLE}`;
  await connection.pool.query(`CREATE TABLE ${table} (
    id bigserial PRIMARY KEY,
    event_id text COLLATE "C" NOT NULL UNIQUE,
    stream_id text COLLATE "C" NOT NULL,
    revision bigint NOT NULL,
    type text COLLATE "C" NOT NULL,
    schema_version integer NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (stream_id, revision)
  )`);
  return table;
}

/** One INSERT statement per call: a single row, or one multi-row VALUES list for a batch. */
function rawInsert(connection: PostgresConnection, table: string): (call: Call) => Promise<void> {
  const statements = new Map<number, string>();
  const sqlFor = (rows: number): string => {
    let sql = statements.get(rows);
    if (!sql) {
      const values = Array.from({ length: rows }, (_, r) => {
        const p = r * 7;
        return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}::jsonb, $${p + 7}::jsonb)`;
      });
      sql = `INSERT INTO ${table} (event_id, stream_id, revision, type, schema_version, data, metadata) VALUES ${values.join(', ')}`;
      statements.set(rows, sql);
    }
    return sql;
  };
  return async (call) => {
    const params: unknown[] = [];
    call.events.forEach((e, i) => {
      params.push(e.id, call.streamId, call.firstRevision + i, e.type, e.schemaVersion ?? 1, JSON.stringify(e.data), JSON.stringify(e.metadata ?? {}));
    });
    await connection.pool.query(sqlFor(call.events.length), params);
  };
}

async function timeCalls(calls: readonly Call[], run: (call: Call) => Promise<void>): Promise<number> {
  const start = now();
  for (const call of calls) await run(call);
  return msSince(start);
}

interface ScenarioResult {
  oursEventsPerSecond: number;
  baselineEventsPerSecond: number;
  rounds: { oursEventsPerSecond: number; baselineEventsPerSecond: number }[];
}

async function runScenario(scenario: Scenario, ours: (call: Call) => Promise<void>, baseline: (call: Call) => Promise<void>): Promise<ScenarioResult> {
  await timeCalls(prepareCalls(scenario, scenario.warmUpCalls), ours);
  await timeCalls(prepareCalls(scenario, scenario.warmUpCalls), baseline);
  const rounds: ScenarioResult['rounds'] = [];
  let oursMs = 0;
  let baselineMs = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const calls = prepareCalls(scenario, scenario.callsPerRound);
    const events = calls.length * scenario.eventsPerCall;
    let o = 0;
    let b = 0;
    if (round % 2 === 0) {
      o = await timeCalls(calls, ours);
      b = await timeCalls(calls, baseline);
    } else {
      b = await timeCalls(calls, baseline);
      o = await timeCalls(calls, ours);
    }
    oursMs += o;
    baselineMs += b;
    rounds.push({ oursEventsPerSecond: perSecond(events, o), baselineEventsPerSecond: perSecond(events, b) });
  }
  const total = ROUNDS * scenario.callsPerRound * scenario.eventsPerCall;
  log(
    `  append ${scenario.label}: ${total} events each side in ${ROUNDS} alternating rounds (median round ours ` +
      `${Math.round(median(rounds.map((r) => r.oursEventsPerSecond)))}/s, baseline ${Math.round(median(rounds.map((r) => r.baselineEventsPerSecond)))}/s)`,
  );
  return { oursEventsPerSecond: perSecond(total, oursMs), baselineEventsPerSecond: perSecond(total, baselineMs), rounds };
}

/**
 * PostgresEventStore.appendToStream (revision check, idempotent ids, NOTIFY, one statement) against a raw INSERT of
 * the same rows into a plain table: single events per call, then batches of 50. Sequential calls on one pool.
 */
export async function runEventAppendBenchmark(): Promise<BenchmarkOutcome> {
  const schema = await createBenchSchema('bench_append');
  const store = new PostgresEventStore(schema.connection);
  try {
    await store.init();
    const table = await createBaselineTable(schema.connection);
    const ours = async (call: Call): Promise<void> => {
      await store.appendToStream(call.streamId, call.events, call.expected);
    };
    const baseline = rawInsert(schema.connection, table);

    const single = await runScenario(SINGLE, ours, baseline);
    const batch = await runScenario(BATCH, ours, baseline);

    const counts = await schema.connection.pool.query<{ ours: string; raw: string }>(
      `SELECT (SELECT count(*) FROM ${schema.connection.qschema}.es_events)::text AS ours, (SELECT count(*) FROM ${table})::text AS raw`,
    );
    const stored = counts.rows[0]!;
    if (stored.ours !== stored.raw) throw new Error(`Event append benchmark: ${stored.ours} events stored by ours, ${stored.raw} by the baseline`);

    const common = { benchmark: 'Event append', unit: 'events/s', better: 'higher' as const };
    return {
      name: 'event-append',
      rows: [
        compare({ ...common, metric: 'single event per call', ours: single.oursEventsPerSecond, baseline: single.baselineEventsPerSecond, baselineLabel: 'single-row INSERT' }),
        compare({ ...common, metric: '50 events per call', ours: batch.oursEventsPerSecond, baseline: batch.baselineEventsPerSecond, baselineLabel: 'multi-row INSERT' }),
      ],
      details: { rounds: ROUNDS, scenarios: { single: { ...SINGLE, ...single }, batch: { ...BATCH, ...batch } }, eventsStoredPerSide: Number(stored.ours) },
    };
  } finally {
    await store.close().catch(() => undefined);
    await schema.drop();
  }
}
