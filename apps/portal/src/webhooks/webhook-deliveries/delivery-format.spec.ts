import { DELIVERY_STATUS_LABELS, localTime, mayRedeliver, responseCodeText } from './delivery-format';

describe('the delivery log', () => {
  it('labels every status in words', () => {
    expect(DELIVERY_STATUS_LABELS).toEqual({ pending: 'Pending', delivered: 'Delivered', failed: 'Failed', paused: 'Paused (endpoint disabled)' });
  });

  it('offers Redeliver for a final delivery only (the API refuses a pending or paused one)', () => {
    expect((['pending', 'delivered', 'failed', 'paused'] as const).map((status) => mayRedeliver({ status }))).toEqual([false, true, true, false]);
  });

  it('writes the response code, or a dash when none came', () => {
    expect([responseCodeText(503), responseCodeText(null)]).toEqual(['503', '—']);
  });

  it("writes the time in the reader's locale, a dash for none", () => {
    expect(localTime('2026-03-16T09:05:07.000Z', 'en-GB', 'UTC')).toBe('16 Mar 2026, 09:05:07');
    expect(localTime(null)).toBe('—');
    expect(localTime('not a time')).toBe('not a time');
  });
});
