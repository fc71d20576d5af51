import { EventEmitter } from 'node:events';
import { createLogger } from '../logging/create-logger';
import { installShutdown } from './install-shutdown';

const logger = createLogger({ service: 's', level: 'silent' });

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('installShutdown', () => {
  it('closes the app once on SIGTERM, runs onShutdown after it, then exits 0', async () => {
    const proc = new EventEmitter();
    const order: string[] = [];
    const exited = deferred();
    const exit = jest.fn(() => exited.resolve());
    const app = { close: jest.fn(async () => void order.push('close')) };
    installShutdown(app, { logger, process: proc, exit, onShutdown: () => void order.push('onShutdown') });

    proc.emit('SIGTERM');
    proc.emit('SIGINT');
    proc.emit('SIGTERM');
    await exited.promise;

    expect(app.close).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['close', 'onShutdown']);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when closing hangs past the hard timeout', async () => {
    const proc = new EventEmitter();
    const exit = jest.fn();
    const app = { close: () => new Promise<void>(() => undefined) };
    const shutdown = installShutdown(app, { logger, process: proc, exit, timeoutMs: 20 });
    await shutdown('test');
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 when closing fails', async () => {
    const exit = jest.fn();
    const shutdown = installShutdown(
      { close: () => Promise.reject(new Error('stuck')) },
      { logger, process: new EventEmitter(), exit },
    );
    await shutdown();
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('does nothing until a signal arrives', () => {
    const proc = new EventEmitter();
    const app = { close: jest.fn(async () => undefined) };
    installShutdown(app, { logger, process: proc, exit: jest.fn() });
    expect(app.close).not.toHaveBeenCalled();
    expect(proc.listenerCount('SIGINT')).toBe(1);
    expect(proc.listenerCount('SIGTERM')).toBe(1);
  });
});
