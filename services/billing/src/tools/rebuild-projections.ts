import 'reflect-metadata';
import { projectionCollection } from '@broker/read-models';
import { dayOfInstant } from '@broker/contracts';
import { ConsistencyCheck } from '../consistency-check/consistency-check';
import { readActiveVersion } from '../projections/active-version';
import { billingCollections, billingProjections, projectionList } from '../projections/billing-projections';
import { rebuildBillingProjections, type RebuildProgress } from '../projections/rebuild-projections';
import { openBillingStores, type BillingStores } from './billing-stores';

/**
 * `npm run billing:rebuild [-- options]`: replays billing's whole event history into a new version of its
 * projections beside the active one, switches reports over once it has caught up, then checks every organization's
 * totals against the history. Finds the deployment and its stores like the services do (DEPLOYMENT_NAME,
 * DATABASE_URL, EVENT_STORE_URL, READ_STORE_URL).
 *
 *   --check [orgId ...]   only the consistency check (every organization, or these), against the active version
 *   --no-check            rebuild and switch without the check afterwards
 *   --to-version N        rebuild into version N instead of the active version + 1
 *   --batch-size N        events per transaction while replaying (default 500)
 *
 * Exit codes: 0 done (and consistent), 1 failed, 2 an organization's totals differ from its history.
 */
interface Options {
  checkOnly: boolean;
  check: boolean;
  organizations: string[];
  toVersion?: number;
  batchSize: number;
}

const USAGE = 'usage: npm run billing:rebuild [-- --check [orgId ...] | --no-check | --to-version N | --batch-size N]';

function parseArgs(args: string[]): Options {
  const options: Options = { checkOnly: false, check: true, organizations: [], batchSize: 500 };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const number = (): number => {
      const value = Number(args[++i]);
      if (!Number.isInteger(value) || value < 1) throw new Error(`${arg} takes a positive integer\n${USAGE}`);
      return value;
    };
    if (arg === '--check') options.checkOnly = true;
    else if (arg === '--no-check') options.check = false;
    else if (arg === '--to-version') options.toVersion = number();
    else if (arg === '--batch-size') options.batchSize = number();
    else if (options.checkOnly && /^[0-9a-f-]{36}$/i.test(arg)) options.organizations.push(arg);
    else throw new Error(`Unknown argument ${arg}\n${USAGE}`);
  }
  return options;
}

const say = (line: string): void => void process.stdout.write(`[billing:rebuild] ${line}\n`);
const count = (n: number): string => n.toLocaleString('en-US');

/** Events of the types billing's projections read, for the progress line's "of about N" (null: not known). */
function eventsToReplay(stores: BillingStores): Promise<number | null> {
  return stores.countEvents([...new Set(projectionList(billingProjections(1)).flatMap((p) => [...p.handles]))]);
}

async function checkConsistency(stores: BillingStores, version: number, only: string[]): Promise<boolean> {
  // A store the service has never run against has no collections yet: check an empty version rather than fail.
  for (const projection of projectionList(billingProjections(version))) {
    await stores.documents.ensureCollection({ name: projectionCollection(projection), indexes: { ...(projection.indexes ?? {}) } });
  }
  const collections = billingCollections(version);
  const check = new ConsistencyCheck(stores.events, stores.documents);
  const ids = only.length > 0 ? only : await check.organizationIds(collections);
  const today = dayOfInstant(new Date().toISOString());
  let inconsistent = 0;
  for (const id of ids) {
    const report = await check.check(collections, id, today);
    if (!report) {
      say(`  ${id}: not known to v${version}`);
      inconsistent++;
      continue;
    }
    if (report.consistent) continue;
    inconsistent++;
    for (const month of report.months.filter((m) => !m.consistent)) {
      say(`  ${id} ${month.month}: history revenue ${month.history.revenue} cost ${month.history.cost}; projection revenue ${month.projection.revenue} cost ${month.projection.cost} by user ${month.projection.byUser}`);
    }
  }
  say(`Consistency check of v${version}: ${count(ids.length)} organizations, ${inconsistent === 0 ? 'all consistent with their event history' : `${count(inconsistent)} inconsistent`}`);
  return inconsistent === 0;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const stores = await openBillingStores();
  try {
    say(`Billing stores: ${stores.description}`);
    if (options.checkOnly) {
      const version = (await readActiveVersion(stores.documents.checkpoints)) ?? 1;
      return (await checkConsistency(stores, version, options.organizations)) ? 0 : 2;
    }
    const expected = await eventsToReplay(stores);
    say(`Replaying ${expected === null ? 'the' : `about ${count(expected)}`} events into a new version of the billing projections (active: v${(await readActiveVersion(stores.documents.checkpoints)) ?? 1})`);
    const progress = (p: RebuildProgress): void => {
      const rate = p.elapsedMs > 0 ? Math.round((p.eventsRead * 1000) / p.elapsedMs) : 0;
      const share = expected ? ` (${Math.min(100, Math.floor((p.eventsRead * 100) / expected))}%)` : '';
      const waiting = p.waitingForLock.length > 0 ? `; waiting for the lock of ${p.waitingForLock.join(', ')} (another rebuild of v${p.version}?)` : '';
      say(`v${p.version}: ${count(p.eventsRead)}${expected === null ? '' : ` of about ${count(expected)}`} events${share} in ${(p.elapsedMs / 1000).toFixed(1)} s, ${count(rate)} events/s${p.pending.length > 0 ? `; catching up: ${p.pending.join(', ')}` : '; caught up'}${waiting}`);
    };
    const result = await rebuildBillingProjections({
      eventStore: stores.events, documentStore: stores.documents, leaderLock: stores.leaderLock, batchSize: options.batchSize, onProgress: progress,
      ...(options.toVersion ? { targetVersion: options.toVersion } : {}),
    });
    say(`Switched billing reports from v${result.from} to v${result.to} after ${count(result.eventsRead)} events in ${(result.elapsedMs / 1000).toFixed(1)} s; running services follow within a second. v${result.from}'s collections are kept.`);
    if (!options.check) return 0;
    return (await checkConsistency(stores, result.to, [])) ? 0 : 2;
  } finally {
    await stores.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`[billing:rebuild] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
