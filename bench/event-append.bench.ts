import { randomUUID } from 'node:crypto';
import type { EventToAppend, ExpectedRevision } from '@broker/event-sourcing';
import { PostgresEventStore, type PostgresConnection } from '@broker/postgres';
import { compare, type BenchmarkOutcome } from './support/bench-result';
import { createBenchSchema } from './support/bench-postgres';
import { msSince, now, perSecond } from './support/clock';
import { log } from './support/report';
import { median } from './support/statistics';

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

const SINGLE: Scenario = { label: 'single events', eventsPerCall: 1, warmUpCalls: 200, callsPerRound: 1000, streams: 250 };
const BATCH: Scenario = { label: 'batches of 50', eventsPerCall: 50, warmUpCalls: 10, callsPerRound: 80, streams: 20 };

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
async function createBaselineTable(connection: PostgresConnection, name: string): Promise<string> {
  const table = `${connection.qschema}.${name}`;
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

type Writer = (call: Call) => Promise<void>;

/** One INSERT statement per call: a single row, or one multi-row VALUES list for a batch. */
function rawValuesInsert(connection: PostgresConnection, table: string): Writer {
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

/** The batch as arrays unnested in one INSERT ... SELECT: the statement shape the event store uses, minus its checks. */
function rawUnnestInsert(connection: PostgresConnection, table: string): Writer {
  const sql = `INSERT INTO ${table} (event_id, stream_id, revision, type, schema_version, data, metadata)
    SELECT x.id, $1, $2::bigint + x.ord - 1, x.type, x.version, x.data::jsonb, x.metadata::jsonb
    FROM unnest($3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) WITH ORDINALITY AS x(id, type, version, data, metadata, ord)`;
  return async (call) => {
    await connection.pool.query(sql, [
      call.streamId,
      call.firstRevision,
      call.events.map((e) => e.id),
      call.events.map((e) => e.type),
      call.events.map((e) => e.schemaVersion ?? 1),
      call.events.map((e) => JSON.stringify(e.data)),
      call.events.map((e) => JSON.stringify(e.metadata ?? {})),
    ]);
  };
}

async function timeCalls(calls: readonly Call[], write: Writer): Promise<number> {
  const start = now();
  for (const call of calls) await write(call);
  return msSince(start);
}

interface Side {
  name: string;
  write: Writer;
  /** Where it writes, to check afterwards that every event it was timed on was stored. */
  table: string;
}

/** `eventsPerSecond` is the median round (robust to a round disturbed by other work on the machine). */
type ScenarioResult = Record<string, { eventsPerSecond: number; overallEventsPerSecond: number; roundEventsPerSecond: number[] }>;

/** Warm-up, then rounds in which every side writes the same calls; the order rotates per round. */
async function runScenario(scenario: Scenario, sides: readonly Side[], written: Map<string, number>): Promise<ScenarioResult> {
  const record = (side: Side, events: number): void => void written.set(side.table, (written.get(side.table) ?? 0) + events);
  for (const side of sides) {
    await timeCalls(prepareCalls(scenario, scenario.warmUpCalls), side.write);
    record(side, scenario.warmUpCalls * scenario.eventsPerCall);
  }
  const elapsed = new Map<string, number[]>(sides.map((side) => [side.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const calls = prepareCalls(scenario, scenario.callsPerRound);
    for (let k = 0; k < sides.length; k++) {
      const side = sides[(k + round) % sides.length]!;
      elapsed.get(side.name)!.push(await timeCalls(calls, side.write));
      record(side, calls.length * scenario.eventsPerCall);
    }
  }
  const eventsPerRound = scenario.callsPerRound * scenario.eventsPerCall;
  const result: ScenarioResult = {};
  for (const side of sides) {
    const runs = elapsed.get(side.name)!;
    const roundEventsPerSecond = runs.map((ms) => perSecond(eventsPerRound, ms));
    result[side.name] = {
      eventsPerSecond: median(roundEventsPerSecond),
      overallEventsPerSecond: perSecond(eventsPerRound * ROUNDS, runs.reduce((sum, ms) => sum + ms, 0)),
      roundEventsPerSecond,
    };
  }
  const summary = sides.map((side) => `${side.name} ${Math.round(result[side.name]!.eventsPerSecond)}/s`).join(', ');
  log(`  append ${scenario.label}: ${eventsPerRound * ROUNDS} events per side in ${ROUNDS} rotating rounds (median round: ${summary})`);
  return result;
}

/**
 * PostgresEventStore.appendToStream (revision check, idempotent ids, NOTIFY, one statement) against a raw INSERT of
 * the same rows into a plain table: single events per call, then batches of 50. Sequential calls on one pool.
 */
export async function runEventAppendBenchmark(): Promise<BenchmarkOutcome> {
  const schema = await createBenchSchema('bench_append');
  const { connection } = schema;
  const store = new PostgresEventStore(connection);
  try {
    await store.init();
    const valuesTable = await createBaselineTable(connection, 'bench_raw_values');
    const unnestTable = await createBaselineTable(connection, 'bench_raw_unnest');
    const ours: Side = {
      name: 'ours',
      table: `${connection.qschema}.es_events`,
      write: async (call) => {
        await store.appendToStream(call.streamId, call.events, call.expected);
      },
    };
    const values: Side = { name: 'insert', table: valuesTable, write: rawValuesInsert(connection, valuesTable) };
    const unnest: Side = { name: 'unnest insert', table: unnestTable, write: rawUnnestInsert(connection, unnestTable) };

    const written = new Map<string, number>();
    const single = await runScenario(SINGLE, [ours, values], written);
    const batch = await runScenario(BATCH, [ours, values, unnest], written);

    for (const [table, expected] of written) {
      const counted = await connection.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      if (Number(counted.rows[0]!.n) !== expected) throw new Error(`Event append benchmark: ${table} holds ${counted.rows[0]!.n} rows, expected ${expected}`);
    }

    const common = { benchmark: 'Event append', unit: 'events/s', better: 'higher' as const };
    const oursSingle = single.ours!.eventsPerSecond;
    const oursBatch = batch.ours!.eventsPerSecond;
    return {
      name: 'event-append',
      rows: [
        compare({ ...common, metric: '1 event per call', ours: oursSingle, baseline: single.insert!.eventsPerSecond, baselineLabel: 'single-row INSERT', goal: { ratio: 0.8 } }),
        compare({ ...common, metric: '50 events per call', ours: oursBatch, baseline: batch.insert!.eventsPerSecond, baselineLabel: 'multi-row INSERT (VALUES)' }),
        compare({ ...common, metric: '50 events per call', ours: oursBatch, baseline: batch['unnest insert']!.eventsPerSecond, baselineLabel: 'INSERT ... SELECT unnest' }),
      ],
      details: { rounds: ROUNDS, settings: { single: SINGLE, batch: BATCH }, single, batch, rowsWritten: Object.fromEntries(written) },
    };
  } finally {
    await store.close().catch(() => undefined);
    await schema.drop();
  }
}
