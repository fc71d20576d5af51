import { WrongExpectedRevisionError } from '@broker/event-sourcing';
import { InMemoryEventStore } from '@broker/event-sourcing/testing';
import { metricValue } from '@broker/platform/testing';
import { ServiceMetrics } from './service-metrics';

describe('ServiceMetrics', () => {
  it('counts and times handled RPC requests by subject and outcome, labelled with the service', async () => {
    const metrics = new ServiceMetrics('catalog');
    metrics.observeRpc('broker.catalog.quote', 'ok', 0.002);
    metrics.observeRpc('broker.catalog.quote', 'ok', 0.004);
    metrics.observeRpc('broker.catalog.quote', 'NOT_FOUND', 0.001);
    const { contentType, body } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(metricValue(body, 'broker_rpc_server_duration_seconds_count', { service: 'catalog', subject: 'broker.catalog.quote', outcome: 'ok' })).toBe(2);
    expect(metricValue(body, 'broker_rpc_server_duration_seconds_count', { service: 'catalog', subject: 'broker.catalog.quote', outcome: 'NOT_FOUND' })).toBe(1);
    expect(metricValue(body, 'broker_rpc_server_duration_seconds_sum', { service: 'catalog', subject: 'broker.catalog.quote', outcome: 'ok' })).toBeCloseTo(0.006, 6);
    // Of the two that succeeded, only the one of 2 ms fits the 2.5 ms bucket.
    expect(metricValue(body, 'broker_rpc_server_duration_seconds_bucket', { le: '0.0025', service: 'catalog', subject: 'broker.catalog.quote', outcome: 'ok' })).toBe(1);
  });

  it("reports Node's own runtime metrics", async () => {
    const { body } = await new ServiceMetrics('billing').scrape();
    expect(body).toMatch(/^process_resident_memory_bytes\{service="billing"\} \d+/m);
    expect(body).toContain('nodejs_eventloop_lag_seconds{service="billing"}');
    expect(body).toContain('nodejs_heap_size_used_bytes{service="billing"}');
  });

  it('keeps the series of two services apart', async () => {
    const one = new ServiceMetrics('catalog');
    const two = new ServiceMetrics('billing');
    one.observeRpc('broker.catalog.quote', 'ok', 0.001);
    expect((await two.scrape()).body).not.toContain('broker.catalog.quote');
  });

  it('times each append by outcome and counts the events the store accepted', async () => {
    const metrics = new ServiceMetrics('approvals');
    const store = metrics.meteredEventStore(new InMemoryEventStore());
    const event = (type: string) => ({ id: crypto.randomUUID(), type, data: {} });
    await store.appendToStream('transaction-1', [event('Requested'), event('Approved')], 'no_stream');
    await store.appendToStreams([{ streamId: 'transaction-2', events: [event('Requested')], expected: 'no_stream' }]);
    await expect(store.appendToStream('transaction-1', [event('Approved')], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.readStream('transaction-1')).toHaveLength(2);
    const { body } = await metrics.scrape();
    expect(metricValue(body, 'broker_event_store_append_duration_seconds_count', { service: 'approvals', outcome: 'ok' })).toBe(2);
    expect(metricValue(body, 'broker_event_store_append_duration_seconds_count', { service: 'approvals', outcome: 'conflict' })).toBe(1);
    expect(metricValue(body, 'broker_event_store_events_appended_total', { service: 'approvals' })).toBe(3);
  });

  it("reads each consumer's backlog and parked messages at the scrape, and counts what it did", async () => {
    const metrics = new ServiceMetrics('catalog');
    let pending = 7;
    metrics.observeConsumers(() => [{ consumerName: 'catalog-approvals', pendingCount: () => Promise.resolve(pending), parkedCount: () => Promise.resolve(1) }]);
    metrics.consumerOutcome('catalog-approvals', 'applied');
    metrics.consumerOutcome('catalog-approvals', 'applied');
    metrics.consumerOutcome('catalog-approvals', 'duplicates');
    let { body } = await metrics.scrape();
    expect(metricValue(body, 'broker_consumer_pending_messages', { service: 'catalog', consumer: 'catalog-approvals' })).toBe(7);
    expect(metricValue(body, 'broker_consumer_parked_messages', { service: 'catalog', consumer: 'catalog-approvals' })).toBe(1);
    expect(metricValue(body, 'broker_consumer_messages_total', { service: 'catalog', consumer: 'catalog-approvals', outcome: 'applied' })).toBe(2);
    expect(metricValue(body, 'broker_consumer_messages_total', { service: 'catalog', consumer: 'catalog-approvals', outcome: 'duplicates' })).toBe(1);
    pending = 0;
    ({ body } = await metrics.scrape());
    expect(metricValue(body, 'broker_consumer_pending_messages', { service: 'catalog', consumer: 'catalog-approvals' })).toBe(0);
  });

  it("reads each projection's lag and leadership at the scrape", async () => {
    const metrics = new ServiceMetrics('catalog');
    let backlog = { events: 12, oldestAgeSeconds: 3.5 };
    metrics.observeProjections(() => [
      { checkpointName: 'projection:subscriptions:v2', isLeader: true, backlog: () => Promise.resolve(backlog) },
      { checkpointName: 'projection:products:v1', isLeader: false, backlog: () => Promise.resolve({ events: 0, oldestAgeSeconds: 0 }) },
    ]);
    let { body } = await metrics.scrape();
    expect(metricValue(body, 'broker_projection_lag_events', { service: 'catalog', projection: 'projection:subscriptions:v2' })).toBe(12);
    expect(metricValue(body, 'broker_projection_lag_seconds', { service: 'catalog', projection: 'projection:subscriptions:v2' })).toBe(3.5);
    expect(metricValue(body, 'broker_projection_leader', { service: 'catalog', projection: 'projection:subscriptions:v2' })).toBe(1);
    expect(metricValue(body, 'broker_projection_leader', { service: 'catalog', projection: 'projection:products:v1' })).toBe(0);
    backlog = { events: 0, oldestAgeSeconds: 0 };
    ({ body } = await metrics.scrape());
    expect(metricValue(body, 'broker_projection_lag_events', { service: 'catalog', projection: 'projection:subscriptions:v2' })).toBe(0);
    expect(metricValue(body, 'broker_projection_lag_seconds', { service: 'catalog', projection: 'projection:subscriptions:v2' })).toBe(0);
  });

  it("reads the outbox's backlog and leadership at the scrape (nothing behind while no outbox runs)", async () => {
    const metrics = new ServiceMetrics('approvals');
    expect(metricValue((await metrics.scrape()).body, 'broker_outbox_lag_events', { service: 'approvals' }) ?? 0).toBe(0);
    let backlog = { events: 40, oldestAgeSeconds: 2.5 };
    metrics.observeOutbox(() => ({ stats: () => ({ leader: true }), backlog: () => Promise.resolve(backlog) }));
    let { body } = await metrics.scrape();
    expect(metricValue(body, 'broker_outbox_lag_events', { service: 'approvals' })).toBe(40);
    expect(metricValue(body, 'broker_outbox_lag_seconds', { service: 'approvals' })).toBe(2.5);
    expect(metricValue(body, 'broker_outbox_leader', { service: 'approvals' })).toBe(1);
    backlog = { events: 0, oldestAgeSeconds: 0 };
    ({ body } = await metrics.scrape());
    expect(metricValue(body, 'broker_outbox_lag_events', { service: 'approvals' })).toBe(0);
  });
});
