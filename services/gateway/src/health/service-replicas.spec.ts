import type { ReplicaHealth } from '@broker/contracts';
import { replicasHealth } from './service-replicas';

const replica = (instance: string, leases: string[]): ReplicaHealth => ({
  instance,
  status: 'up',
  checks: { postgres: { status: 'up' } },
  startedAt: '2026-01-01T00:00:00.000Z',
  leads: { projections: leases.filter((l) => l.startsWith('projection:')), outbox: leases.includes('outbox:catalog'), leases },
});

describe('replicasHealth', () => {
  it('lists the replicas by instance and names the leader of each lease', () => {
    const health = replicasHealth([replica('host-b-2-bbbbbb', ['projection:subscriptions:v1']), replica('host-a-1-aaaaaa', ['outbox:catalog'])]);
    expect(health.replicas.map((r) => r.instance)).toEqual(['host-a-1-aaaaaa', 'host-b-2-bbbbbb']);
    expect(health.leaders).toEqual({ 'outbox:catalog': 'host-a-1-aaaaaa', 'projection:subscriptions:v1': 'host-b-2-bbbbbb' });
  });

  it('names the later answer when a lease passed from one replica to another within the window', () => {
    const health = replicasHealth([replica('old-1-aaaaaa', ['outbox:catalog']), replica('new-2-bbbbbb', ['outbox:catalog'])]);
    expect(health.leaders).toEqual({ 'outbox:catalog': 'new-2-bbbbbb' });
  });

  it('shows one entry per instance, its latest answer, and nothing when no replica answered', () => {
    expect(replicasHealth([replica('a-1-aaaaaa', ['outbox:catalog']), replica('a-1-aaaaaa', [])])).toEqual({ replicas: [replica('a-1-aaaaaa', [])], leaders: {} });
    expect(replicasHealth([])).toEqual({ replicas: [], leaders: {} });
  });
});
