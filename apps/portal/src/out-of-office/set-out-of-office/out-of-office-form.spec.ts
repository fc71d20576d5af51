import { eligibleDelegates, instantOf, localInputValue, periodState, toFields, toRequestBody } from './out-of-office-form';

const ME = '11111111-1111-4111-8111-111111111111';
const user = (id: string, role: string, status = 'active') => ({ id, role, status, username: `${id}@example.org`, firstName: 'A', lastName: 'B', email: 'a@example.org', servicesCount: 0 }) as any;

describe('the out-of-office form and the API body', () => {
  it("reads a period into the browser's local time and sends back the same instants", () => {
    const period = { from: '2026-12-21T08:30:00.000Z', to: '2027-01-04T00:00:00.000Z', delegateId: 'd' };
    const fields = toFields({ userId: ME, period });
    expect(fields.delegateId).toBe('d');
    expect(fields.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(toRequestBody(fields)).toEqual(period);
  });

  it('offers a week from now, to the minute, with no delegate, while none is set (same local time a week later)', () => {
    const now = new Date('2026-02-02T10:15:42.123Z');
    const fields = toFields({ userId: ME, period: null }, now);
    expect([instantOf(fields.from), instantOf(fields.to), fields.delegateId]).toEqual(['2026-02-02T10:15:00.000Z', '2026-02-09T10:15:00.000Z', '']);
  });

  it('reads only complete input values as instants; a broken one is sent as typed for the server to name', () => {
    expect(instantOf('')).toBeNull();
    expect(instantOf('2026-12-21')).toBeNull();
    expect(instantOf(localInputValue('2026-12-21T09:00:00Z'))).toBe('2026-12-21T09:00:00.000Z');
    expect(localInputValue('not a date')).toBe('');
    expect(toRequestBody({ from: 'soon', to: '', delegateId: 'd' })).toEqual({ from: 'soon', to: '', delegateId: 'd' });
  });
});

describe('who may be the delegate', () => {
  const users = [user(ME, 'org_admin'), user('admin', 'org_admin'), user('away', 'org_admin', 'disabled'), user('billing', 'org_billing_admin'), user('viewer', 'org_viewer'), user('user', 'org_user')];

  it("an active user other than the approver holding at least the approver's role", () => {
    expect(eligibleDelegates(users, { id: ME, role: 'org_admin' }).map((u) => u.id)).toEqual(['admin']);
    expect(eligibleDelegates(users, { id: 'billing', role: 'org_billing_admin' }).map((u) => u.id)).toEqual([ME, 'admin']);
  });
});

describe('the state of a period', () => {
  const period = { from: '2026-12-21T00:00:00Z', to: '2027-01-04T00:00:00Z', delegateId: 'd' };
  it('is coming before from, running from it (included) until to (excluded), then over', () => {
    expect(periodState(period, new Date('2026-12-20T23:59:59Z'))).toBe('coming');
    expect(periodState(period, new Date('2026-12-21T00:00:00Z'))).toBe('running');
    expect(periodState(period, new Date('2027-01-04T00:00:00Z'))).toBe('over');
  });
});
