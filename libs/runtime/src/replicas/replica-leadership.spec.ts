import { newInstanceId, replicaLeadership } from './replica-leadership';

describe('replicaLeadership', () => {
  const work = { projections: ['projection:subscriptions:v1', 'projection:quotes:v1'], outbox: 'outbox:catalog' };

  it('sorts the held leases into the projections and outbox this replica runs, and lists them all', () => {
    expect(replicaLeadership(['projection:quotes:v1', 'outbox:catalog', 'user-import-job:42'], work)).toEqual({
      projections: ['projection:quotes:v1'],
      outbox: true,
      leases: ['outbox:catalog', 'projection:quotes:v1', 'user-import-job:42'],
    });
  });

  it('leads nothing while standing by, and no outbox in a service that publishes none', () => {
    expect(replicaLeadership([], work)).toEqual({ projections: [], outbox: false, leases: [] });
    expect(replicaLeadership(['notifications:sender'], { projections: [], outbox: null })).toEqual({ projections: [], outbox: false, leases: ['notifications:sender'] });
  });
});

describe('newInstanceId', () => {
  it('names the host and pid, and differs between two processes that share both', () => {
    const first = newInstanceId('catalog-7f9c', 1);
    expect(first).toMatch(/^catalog-7f9c-1-[0-9a-f]{6}$/);
    expect(newInstanceId('catalog-7f9c', 1)).not.toBe(first);
  });
});
