import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ACTION_GROUPS,
  actionLabel,
  activityQuery,
  activityScope,
  actorLabel,
  actorOptions,
  filtersOfSearch,
  filtersProblem,
  filtersSearch,
  knownActors,
  localTime,
  NO_FILTERS,
  targetLabel,
} from './activity-format';

const ANNA = '7c1e2f4a-0b8e-4c8e-9a53-2f1d6f0c9e21';
const RITA = '0f9a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b';

describe('the activity log screen', () => {
  it('shows the organization of the address, else the reseller admin their reseller and the platform admin everything', () => {
    expect(activityScope({ role: 'org_viewer', resellerId: 'r1' }, 'o1')).toEqual({ kind: 'organization', orgId: 'o1' });
    expect(activityScope({ role: 'reseller_admin', resellerId: 'r1' }, 'o1')).toEqual({ kind: 'organization', orgId: 'o1' });
    expect(activityScope({ role: 'reseller_admin', resellerId: 'r1' }, undefined)).toEqual({ kind: 'reseller', resellerId: 'r1' });
    expect(activityScope({ role: 'platform_admin', resellerId: null }, undefined)).toEqual({ kind: 'platform' });
    expect(activityScope({ role: 'org_admin', resellerId: 'r1' }, undefined)).toBeNull();
    expect(activityScope(null, undefined)).toBeNull();
  });

  it('labels every known action once, and shows an unknown one as written', () => {
    const actions = ACTION_GROUPS.flatMap((group) => group.actions.map(([action]) => action));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions.every((action) => /^[a-z][a-z-]*\.[a-z][a-z-]*$/.test(action))).toBe(true);
    expect(actionLabel('transaction.approved')).toBe('Transaction approved');
    expect(actionLabel('user.sign-in-failed')).toBe('Sign-in refused');
    expect(actionLabel('licence.revoked')).toBe('licence.revoked');
  });

  it('offers exactly the actions the notifications service records', () => {
    // Read as text: the portal does not import a service.
    const source = readFileSync(resolve(__dirname, '../../../../../services/notifications/src/activity-log/record-activity/activity-descriptions.ts'), 'utf8');
    const recorded = [...new Set([...source.matchAll(/'([a-z][a-z-]*\.[a-z][a-z-]*)'/g)].map((match) => match[1]))].sort();
    expect(ACTION_GROUPS.flatMap((group) => group.actions.map(([action]) => action)).sort()).toEqual(recorded);
  });

  it('names the actor: the platform, the approval policy, the recorded name, else the id', () => {
    expect(actorLabel({ actorId: 'system', actorName: null })).toBe('System');
    expect(actorLabel({ actorId: 'policy', actorName: null })).toBe('Approval policy');
    expect(actorLabel({ actorId: ANNA, actorName: 'Anna Admin' })).toBe('Anna Admin');
    expect(actorLabel({ actorId: ANNA, actorName: ' ' })).toBe(ANNA);
    expect(actorLabel({ actorId: null, actorName: null })).toBe('Unknown');
  });

  it('names the target by its type and name, else its id', () => {
    expect(targetLabel({ type: 'user', id: ANNA, name: 'Anna Admin' })).toBe('User: Anna Admin');
    expect(targetLabel({ type: 'subscription', id: 's1', name: null })).toBe('Subscription: s1');
    expect(targetLabel({ type: 'budget', id: 'o1', name: null })).toBe("Budget: the organization's");
    expect(targetLabel({ type: 'budget', id: 'o1:Sales', name: 'Sales' })).toBe('Budget: Sales');
    expect(targetLabel({ type: 'gadget', id: null, name: null })).toBe('gadget');
  });

  it("writes the time in the reader's locale", () => {
    expect(localTime('2026-03-16T09:05:07.000Z', 'en-GB', 'UTC')).toBe('16 Mar 2026, 09:05:07');
    expect(localTime('not a time')).toBe('not a time');
  });

  it("asks the API for the filters' action, actor and whole days in the reader's time zone, the last day included", () => {
    expect(activityQuery(NO_FILTERS)).toEqual({});
    expect(activityQuery({ action: 'user.created', actorId: ANNA, fromDay: '2026-03-01', toDay: '2026-03-31' })).toEqual({
      action: 'user.created',
      actorId: ANNA,
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 3, 1).toISOString(),
    });
    expect(activityQuery({ ...NO_FILTERS, toDay: '2026-12-31' })).toEqual({ to: new Date(2027, 0, 1).toISOString() });
    expect(activityQuery({ ...NO_FILTERS, fromDay: 'yesterday' })).toEqual({});
  });

  it('refuses a last day before the first', () => {
    expect(filtersProblem({ ...NO_FILTERS, fromDay: '2026-03-02', toDay: '2026-03-01' })).toBe('The last day cannot be before the first');
    expect(filtersProblem({ ...NO_FILTERS, fromDay: '2026-03-02', toDay: '2026-03-02' })).toBeNull();
    expect(filtersProblem({ ...NO_FILTERS, toDay: '2026-03-01' })).toBeNull();
  });

  it("keeps the filters in the address and reads them back, leaving out what is malformed", () => {
    const filters = { action: 'transaction.approved', actorId: 'policy', fromDay: '2026-03-01', toDay: '2026-03-02' };
    expect(filtersSearch(filters)).toBe('?action=transaction.approved&actor=policy&from=2026-03-01&to=2026-03-02');
    expect(filtersOfSearch(new URLSearchParams(filtersSearch(filters)))).toEqual(filters);
    expect(filtersSearch(NO_FILTERS)).toBe('');
    expect(filtersOfSearch(new URLSearchParams('action=DROP TABLE&actor=x&from=yesterday&to=2026-13-45x'))).toEqual(NO_FILTERS);
  });

  it('offers the actors seen so far by name, then the platform and the approval policy', () => {
    const earlier = knownActors([{ actorId: RITA, actorName: 'Rita Reseller' }]);
    const actors = knownActors(
      [
        { actorId: ANNA, actorName: 'Anna Admin' },
        { actorId: 'system', actorName: null },
        { actorId: null, actorName: null },
      ],
      earlier,
    );
    expect(actorOptions(actors)).toEqual([
      { value: '', label: 'Anyone' },
      { value: ANNA, label: 'Anna Admin' },
      { value: RITA, label: 'Rita Reseller' },
      { value: 'system', label: 'System' },
      { value: 'policy', label: 'Approval policy' },
    ]);
    // An actor known only by id (from the address) gets their name once an entry gives it.
    expect(knownActors([{ actorId: ANNA, actorName: 'Anna Admin' }], new Map([[ANNA, ANNA]])).get(ANNA)).toBe('Anna Admin');
    expect(actorOptions(new Map([[ANNA, ANNA]]))[1]).toEqual({ value: ANNA, label: `User ${ANNA}` });
  });
});
