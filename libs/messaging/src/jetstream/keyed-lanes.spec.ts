import { KeyedLanes } from './keyed-lanes';

/** A piece of work that finishes when the test says so, recording when it started and ended. */
function gate(log: string[], name: string): { work: () => Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    work: async () => {
      log.push(`start ${name}`);
      await opened;
      log.push(`end ${name}`);
    },
    open,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('KeyedLanes', () => {
  it('runs different keys side by side and one key in order', async () => {
    const log: string[] = [];
    const lanes = new KeyedLanes(4, () => undefined);
    const a1 = gate(log, 'a1');
    const a2 = gate(log, 'a2');
    const b1 = gate(log, 'b1');
    await lanes.admit('a', a1.work);
    await lanes.admit('a', a2.work);
    await lanes.admit('b', b1.work);
    await settle();
    expect(log).toEqual(['start a1', 'start b1']);
    b1.open();
    await settle();
    expect(log).toEqual(['start a1', 'start b1', 'end b1']);
    a1.open();
    await settle();
    expect(log.slice(3)).toEqual(['end a1', 'start a2']);
    a2.open();
    await lanes.idle();
    expect(log.at(-1)).toBe('end a2');
  });

  it('makes work without a key wait for everything before it, and everything after wait for it', async () => {
    const log: string[] = [];
    const lanes = new KeyedLanes(4, () => undefined);
    const a = gate(log, 'a');
    const barrier = gate(log, 'barrier');
    const b = gate(log, 'b');
    await lanes.admit('a', a.work);
    await lanes.admit(null, barrier.work);
    await lanes.admit('b', b.work);
    await settle();
    expect(log).toEqual(['start a']);
    a.open();
    await settle();
    expect(log).toEqual(['start a', 'end a', 'start barrier']);
    barrier.open();
    await settle();
    expect(log.slice(3)).toEqual(['end barrier', 'start b']);
    b.open();
    await lanes.idle();
  });

  it('holds admission while the limit of pieces is reached', async () => {
    const log: string[] = [];
    const lanes = new KeyedLanes(2, () => undefined);
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    await lanes.admit('a', a.work);
    await lanes.admit('b', b.work);
    let admitted = false;
    const third = lanes.admit('c', async () => undefined).then(() => (admitted = true));
    await settle();
    expect(admitted).toBe(false);
    expect(lanes.size).toBe(2);
    b.open();
    await third;
    expect(admitted).toBe(true);
    a.open();
    await lanes.idle();
    expect(lanes.size).toBe(0);
  });

  it('reports work that throws and goes on with the next of the same key', async () => {
    const errors: unknown[] = [];
    const done: string[] = [];
    const lanes = new KeyedLanes(4, (error) => errors.push(error));
    await lanes.admit('a', async () => {
      throw new Error('boom');
    });
    await lanes.admit('a', async () => {
      done.push('next');
    });
    await lanes.idle();
    expect(errors).toHaveLength(1);
    expect(done).toEqual(['next']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => new KeyedLanes(0, () => undefined)).toThrow(RangeError);
  });
});
