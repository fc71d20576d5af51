import { InMemoryLeaderLock, InMemoryLockRegistry, MovableClock } from '@broker/read-models/testing';
import { HeldLeases } from './held-leases';

describe('HeldLeases', () => {
  it('names the leases held now: released, lost or refused ones are not', async () => {
    const clock = new MovableClock();
    const registry = new InMemoryLockRegistry(clock.now);
    const leases = new HeldLeases(new InMemoryLeaderLock(registry, { clock: clock.now, ttlMs: 5_000, renewEveryMs: 1_000_000 }));
    const other = new InMemoryLeaderLock(registry, { clock: clock.now });

    const outbox = await leases.tryAcquire('outbox:catalog');
    await leases.tryAcquire('projection:subscriptions:v1');
    expect(await other.tryAcquire('notifications:sender')).not.toBeNull();
    expect(await leases.tryAcquire('notifications:sender')).toBeNull();
    expect(leases.names()).toEqual(['outbox:catalog', 'projection:subscriptions:v1']);

    await outbox!.release();
    expect(leases.names()).toEqual(['projection:subscriptions:v1']);

    // Never renewed: past its time to live, the holder's own clock says it is gone before any timer runs.
    clock.advance(5_001);
    expect(leases.names()).toEqual([]);
    await leases.close();
    await other.close();
  });

  it('hands out the lock\'s own lease, so units of work fence on it as before', async () => {
    const registry = new InMemoryLockRegistry();
    const leases = new HeldLeases(new InMemoryLeaderLock(registry));
    const lease = await leases.tryAcquire('projection:orders:v2');
    expect(lease).toMatchObject({ name: 'projection:orders:v2', held: true });
    expect(registry.refusal(lease!)).toBeNull();
    await leases.close();
  });
});
