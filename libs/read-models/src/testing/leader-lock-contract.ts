import { randomBytes } from 'node:crypto';
import type { DocumentStore } from '../document-store/document-store.port';
import type { LeaderLease, LeaderLock, LeaseFence } from '../projections/leader-lock.port';
import type { MonotonicClock } from '../projections/renewing-lease';
import { MovableClock } from './movable-clock';

export interface LeaderLockContenderOptions {
  ttlMs?: number;
  renewEveryMs?: number;
  clock?: MonotonicClock;
}

export interface LeaderLockContractContext {
  /** A new contender, as another process instance would be: a holder of its own. */
  contender(options?: LeaderLockContenderOptions): LeaderLock;
  /** A document store whose units of work fence on the same leases. */
  store: DocumentStore;
  /** Holds back every renewal of `name` until the returned function is called (a slow or stuck store). */
  stallRenewals(name: string): Promise<() => Promise<void>>;
  teardown(): Promise<void>;
}

const FENCED = { code: 'READ_MODEL.LEASE_FENCED' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `attempt` until it gives a value; fails after `timeoutMs`. */
async function until<T>(attempt: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${timeoutMs} ms`);
    await sleep(20);
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The behaviour every LeaderLock adapter must show, together with the fencing of the document store it goes with.
 * Times are real but short (a few hundred milliseconds to live); the local clock is moved by hand where a test
 * needs a holder whose timers have not run.
 */
export function describeLeaderLockContract(adapterName: string, setup: () => Promise<LeaderLockContractContext>): void {
  describe(`LeaderLock contract: ${adapterName}`, () => {
    let ctx: LeaderLockContractContext;
    let store: DocumentStore;
    const locks: LeaderLock[] = [];
    const contender = (options?: LeaderLockContenderOptions): LeaderLock => {
      const lock = ctx.contender(options);
      locks.push(lock);
      return lock;
    };
    const fresh = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
    const fencedUnit = (fence: LeaseFence) => store.unitOfWork((uow) => uow.fence(fence));

    beforeAll(async () => {
      ctx = await setup();
      store = ctx.store;
    });
    afterEach(async () => {
      await Promise.all(locks.splice(0).map((lock) => lock.close()));
    });
    afterAll(async () => {
      await ctx?.teardown();
    });

    it('lets one contender hold a name, and the next one once it is released, with a greater token', async () => {
      const name = fresh('lease');
      const [a, b] = [contender(), contender()];
      const first = await a.tryAcquire(name);
      expect(first).not.toBeNull();
      expect(first!.held).toBe(true);
      expect(first!.signal.aborted).toBe(false);
      expect(first!.token).toBeGreaterThan(0n);
      expect(await b.tryAcquire(name)).toBeNull();
      expect(await a.tryAcquire(name)).toBeNull(); // one lease per name and lock object
      const other = await b.tryAcquire(fresh('other'));
      expect(other?.held).toBe(true);

      await first!.release();
      expect(first!.held).toBe(false);
      expect(first!.signal.aborted).toBe(true);
      const second = await b.tryAcquire(name);
      expect(second).not.toBeNull();
      expect(second!.token).toBeGreaterThan(first!.token);
      await first!.release(); // idempotent: must not free b's lease
      expect(await a.tryAcquire(name)).toBeNull();
      await second!.release();
      const third = await a.tryAcquire(name);
      expect(third!.token).toBeGreaterThan(second!.token);
    });

    it('gives the name to exactly one of many contenders trying at once', async () => {
      const name = fresh('race');
      const leases = await Promise.all(Array.from({ length: 6 }, () => contender().tryAcquire(name)));
      expect(leases.filter((lease) => lease !== null)).toHaveLength(1);
    });

    it('keeps a renewed lease far beyond its time to live, and nobody else gets the name meanwhile', async () => {
      const name = fresh('renewed');
      const lease = await contender({ ttlMs: 1000, renewEveryMs: 100 }).tryAcquire(name);
      const other = contender();
      await sleep(2500);
      expect(lease!.held).toBe(true);
      expect(await other.tryAcquire(name)).toBeNull();
    });

    it('hands the name over once the holder stops renewing (frozen), and refuses the old holder’s fenced writes', async () => {
      const name = fresh('frozen');
      // A frozen holder: no renewal runs, and its clock says no time has passed.
      const frozenClock = new MovableClock();
      const startedAt = Date.now();
      const old = await contender({ ttlMs: 400, renewEveryMs: 60_000, clock: frozenClock.now }).tryAcquire(name);
      const standby = contender();
      expect(await standby.tryAcquire(name)).toBeNull();
      const next = await until(() => standby.tryAcquire(name), 3000);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400 - 50); // not before the store's expiry
      expect(next.token).toBeGreaterThan(old!.token);

      expect(old!.held).toBe(true); // it has not looked at its clock yet
      await expect(store.unitOfWork((uow) => uow.fence({ name, token: old!.token }))).rejects.toMatchObject({ ...FENCED, lease: name, token: old!.token });
      frozenClock.advance(400); // it resumes
      expect(old!.held).toBe(false);
      await expect(fencedUnit(old!)).rejects.toMatchObject(FENCED);
      await expect(fencedUnit(next)).resolves.toBeUndefined();
    });

    it('turns held false as soon as the validity has passed by the local clock, before any timer runs', async () => {
      const name = fresh('clock');
      const clock = new MovableClock();
      const lease = await contender({ ttlMs: 1000, renewEveryMs: 60_000, clock: clock.now }).tryAcquire(name);
      clock.advance(999);
      expect(lease!.held).toBe(true);
      expect(lease!.signal.aborted).toBe(false);
      clock.advance(1);
      // No await in between: nothing but the clock could have told it.
      expect(lease!.held).toBe(false);
      expect(lease!.signal.aborted).toBe(true);
      await within(lease!.lost, 1000, 'lost');
      // The store still counts it valid by its own clock; the holder refuses before asking it.
      await expect(fencedUnit(lease!)).rejects.toMatchObject(FENCED);
      // And it gave the name back: the next holder need not wait for the expiry.
      const next = await until(() => contender().tryAcquire(name), 600);
      expect(next.token).toBeGreaterThan(lease!.token);
    });

    it('loses the lease when a renewal comes too late, and a late answer does not bring it back', async () => {
      const name = fresh('late');
      const lease = await contender({ ttlMs: 400, renewEveryMs: 100 }).tryAcquire(name);
      await sleep(150); // renewed at least once
      const resume = await ctx.stallRenewals(name);
      const stalledAt = Date.now();
      try {
        await within(lease!.lost, 2000, 'lost');
        expect(Date.now() - stalledAt).toBeLessThan(400 + 250); // at its deadline, not when the store answers
        expect(lease!.held).toBe(false);
        expect(lease!.signal.aborted).toBe(true);
      } finally {
        await resume();
      }
      await sleep(200);
      expect(lease!.held).toBe(false);
      const next = await until(() => contender().tryAcquire(name), 2000);
      expect(next.token).toBeGreaterThan(lease!.token);
    });

    it('fences units of work: the current lease commits; an old token, a released lease or an unknown name roll back', async () => {
      const name = fresh('fence');
      const collection = fresh('fenced');
      const checkpoint = fresh('cp');
      await store.ensureCollection({ name: collection, indexes: {} });
      const first = await contender().tryAcquire(name);
      await first!.release();
      const current = await contender().tryAcquire(name);
      const old: LeaseFence = { name, token: first!.token }; // as a resumed holder that still believes it leads

      await store.unitOfWork(async (uow) => {
        await uow.fence(current!);
        await uow.upsert(collection, 'current', { token: String(current!.token) });
      });
      await expect(
        store.unitOfWork(async (uow) => {
          await uow.upsert(collection, 'stale', { token: String(old.token) });
          await uow.fence(old);
        }),
      ).rejects.toMatchObject({ ...FENCED, lease: name, token: old.token });
      expect(await store.get(collection, 'stale')).toBeNull();
      expect(await store.get(collection, 'current')).not.toBeNull();

      // The compare-and-set alone would pass; the fence refuses it.
      await expect(store.checkpoints.save(checkpoint, '1', null, old)).rejects.toMatchObject(FENCED);
      expect(await store.checkpoints.read(checkpoint)).toBeNull();
      await store.checkpoints.save(checkpoint, '1', null, current!);
      await expect(store.unitOfWork((uow) => uow.checkpoints.save(checkpoint, '2', '1', old))).rejects.toMatchObject(FENCED);
      expect(await store.checkpoints.read(checkpoint)).toBe('1');
      await store.unitOfWork((uow) => uow.checkpoints.save(checkpoint, '2', '1', current!));
      expect(await store.checkpoints.read(checkpoint)).toBe('2');

      await expect(fencedUnit({ name, token: current!.token + 1n })).rejects.toMatchObject(FENCED);
      await expect(fencedUnit({ name: fresh('nobody'), token: 1n })).rejects.toMatchObject(FENCED);
      await current!.release();
      await expect(fencedUnit({ name, token: current!.token })).rejects.toMatchObject(FENCED);
    });

    it('keeps the name from passing to another holder while a fenced unit is open, even past the expiry', async () => {
      const name = fresh('pinned');
      const collection = fresh('pinned');
      await store.ensureCollection({ name: collection, indexes: {} });
      const frozenClock = new MovableClock();
      const lease = await contender({ ttlMs: 300, renewEveryMs: 60_000, clock: frozenClock.now }).tryAcquire(name);
      let fenced!: () => void;
      const isFenced = new Promise<void>((resolve) => (fenced = resolve));
      let proceed!: () => void;
      const gate = new Promise<void>((resolve) => (proceed = resolve));
      const unit = store.unitOfWork(async (uow) => {
        await uow.fence(lease!);
        fenced();
        await gate;
        await uow.upsert(collection, 'pinned', { token: String(lease!.token) });
      });
      await isFenced;
      await sleep(500); // expired in the store by now
      const standby = contender();
      try {
        expect(await standby.tryAcquire(name)).toBeNull();
      } finally {
        proceed();
      }
      await unit; // fenced while current, so it commits
      expect(await store.get(collection, 'pinned')).not.toBeNull();
      const next = await until(() => standby.tryAcquire(name), 1000);
      expect(next.token).toBeGreaterThan(lease!.token);
    });

    it('frees every lease of a lock object on close', async () => {
      const [one, two] = [fresh('closing'), fresh('closing')];
      const a = contender();
      const leases = [await a.tryAcquire(one), await a.tryAcquire(two)] as LeaderLease[];
      await a.close();
      expect(leases.map((lease) => lease.held)).toEqual([false, false]);
      const b = contender();
      expect(await b.tryAcquire(one)).not.toBeNull();
      expect(await b.tryAcquire(two)).not.toBeNull();
      await expect(a.tryAcquire(fresh('closing'))).rejects.toThrow(/closed/);
    });
  });
}
