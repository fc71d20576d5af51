import { activeTraceCarrier, inSpan, readTraceCarrier, startSpan, tracingEnabled } from './spans';

describe('span helpers while tracing is off', () => {
  it('call through: no span, nothing to carry', async () => {
    expect(tracingEnabled()).toBe(false);
    const seen = await inSpan('work', {}, (span) => Promise.resolve({ span, carried: activeTraceCarrier() }));
    expect(seen).toEqual({ span: undefined, carried: undefined });
    expect(startSpan('work', {})).toBeUndefined();
    await expect(inSpan('work', {}, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});

describe('readTraceCarrier', () => {
  const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

  it('takes a traceparent with its tracestate', () => {
    const fields: Record<string, unknown> = { traceparent, tracestate: 'vendor=1' };
    expect(readTraceCarrier((field) => fields[field])).toEqual({ traceparent, tracestate: 'vendor=1' });
    expect(readTraceCarrier((field) => (field === 'traceparent' ? traceparent : undefined))).toEqual({ traceparent });
  });

  it('ignores what is not a string of a sane length', () => {
    expect(readTraceCarrier(() => undefined)).toBeUndefined();
    expect(readTraceCarrier(() => 42)).toBeUndefined();
    expect(readTraceCarrier(() => 'x'.repeat(513))).toBeUndefined();
    expect(readTraceCarrier((field) => (field === 'traceparent' ? traceparent : 'y'.repeat(600)))).toEqual({ traceparent });
  });
});
