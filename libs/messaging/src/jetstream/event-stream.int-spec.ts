import { nanos, RetentionPolicy, StorageType } from 'nats';
import { createTestDeployment, type TestDeployment } from '../testing/jetstream-test-kit';
import { DEFAULT_DUPLICATE_WINDOW_MS, ensureEventStream } from './event-stream';

describe('ensureEventStream', () => {
  let deployment: TestDeployment;

  beforeEach(async () => {
    deployment = await createTestDeployment();
  });

  afterEach(async () => {
    await deployment.cleanup();
  });

  it('creates the deployment stream once and brings a changed configuration up to date', async () => {
    const { jsm, names } = deployment;
    const created = await jsm.streams.info(names.eventStream);
    expect(created.config).toMatchObject({
      subjects: [`${names.deployment}.events.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: nanos(DEFAULT_DUPLICATE_WINDOW_MS),
    });
    await jsm.streams.update(names.eventStream, { ...created.config, duplicate_window: nanos(30_000) });
    await deployment.nats.jetstream().publish(names.eventSubject('catalog.x.v1'), 'kept', { msgID: 'm1' });

    const again = await ensureEventStream(jsm, names);
    expect(again.config.duplicate_window).toBe(nanos(DEFAULT_DUPLICATE_WINDOW_MS));
    expect(again.state.messages).toBe(1);
    const custom = await ensureEventStream(jsm, names, { duplicateWindowMs: 120_000 });
    expect(custom.config.duplicate_window).toBe(nanos(120_000));
    expect((await jsm.streams.info(names.eventStream)).state.messages).toBe(1);
  });
});
