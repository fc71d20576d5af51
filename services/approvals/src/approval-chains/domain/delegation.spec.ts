import type { Role } from '@broker/contracts';
import { InvalidOutOfOfficeError } from './approval-chains.errors';
import { coversAt, coversMoment, decidingAs, delegateAt, notifiedAt, validateOutOfOffice, type DirectoryUser, type OutOfOfficePeriod } from './delegation';

const orgUser = (role: Role, organizationId = 'o-1', active = true): DirectoryUser => ({ role, organizationId, resellerId: 'r-1', active });
const resellerUser = (resellerId = 'r-1'): DirectoryUser => ({ role: 'reseller_admin', organizationId: null, resellerId, active: true });
const directory: Record<string, DirectoryUser> = {
  'u-admin': orgUser('org_admin'),
  'u-admin-2': orgUser('org_admin'),
  'u-billing': orgUser('org_billing_admin'),
  'u-billing-2': orgUser('org_billing_admin'),
  'u-viewer': orgUser('org_viewer'),
  'u-disabled': orgUser('org_admin', 'o-1', false),
  'u-other-org': orgUser('org_admin', 'o-2'),
  'u-reseller': resellerUser(),
  'u-reseller-2': resellerUser(),
  'u-other-reseller': resellerUser('r-2'),
};
const period = (userId: string, delegateId: string, from = '2026-03-16T00:00:00Z', to = '2026-03-20T00:00:00Z'): OutOfOfficePeriod => ({ userId, delegateId, from, to });

const refusedFields = (p: OutOfOfficePeriod, others: OutOfOfficePeriod[] = []): string[] => {
  try {
    validateOutOfOffice(p, directory, others);
  } catch (error) {
    if (error instanceof InvalidOutOfOfficeError && error.code === 'VALIDATION') return error.errors.map((e) => e.field);
    throw error;
  }
  return [];
};

describe('out-of-office periods', () => {
  it('takes a delegate of the same role, or higher, in the same organization', () => {
    expect(refusedFields(period('u-admin', 'u-admin-2'))).toEqual([]);
    expect(refusedFields(period('u-billing', 'u-billing-2'))).toEqual([]);
    expect(refusedFields(period('u-billing', 'u-admin'))).toEqual([]);
  });

  it('refuses a delegate of a lower role, one who approves nothing, a disabled one and one of another organization', () => {
    expect(refusedFields(period('u-admin', 'u-billing'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-admin', 'u-viewer'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-admin', 'u-disabled'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-admin', 'u-other-org'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-admin', 'u-reseller'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-admin', 'u-nobody'))).toEqual(['delegateId']);
  });

  it("keeps a reseller admin's delegate among the same reseller's admins", () => {
    expect(refusedFields(period('u-reseller', 'u-reseller-2'))).toEqual([]);
    expect(refusedFields(period('u-reseller', 'u-other-reseller'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-reseller', 'u-admin'))).toEqual(['delegateId']);
  });

  it('refuses oneself as delegate, and a user who approves nothing', () => {
    expect(refusedFields(period('u-admin', 'u-admin'))).toEqual(['delegateId']);
    expect(refusedFields(period('u-viewer', 'u-admin'))).toEqual(['userId']);
  });

  it('wants the end after the start, to the millisecond, and real instants', () => {
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-16T00:00:00Z', '2026-03-16T00:00:00Z'))).toEqual(['to']);
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-16T00:00:00Z', '2026-03-15T23:59:59Z'))).toEqual(['to']);
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-16T00:00:00.000Z', '2026-03-16T00:00:00.001Z'))).toEqual([]);
    expect(refusedFields(period('u-admin', 'u-admin-2', 'soon', 'later'))).toEqual(['from', 'to']);
  });

  it("refuses a period overlapping another of the approver's, and takes one that starts where it ends", () => {
    const existing = [period('u-admin', 'u-admin-2', '2026-03-16T00:00:00Z', '2026-03-20T00:00:00Z')];
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-19T23:59:59Z', '2026-03-25T00:00:00Z'), existing)).toEqual(['from']);
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-10T00:00:00Z', '2026-03-16T00:00:01Z'), existing)).toEqual(['from']);
    expect(refusedFields(period('u-admin', 'u-admin-2', '2026-03-20T00:00:00Z', '2026-03-25T00:00:00Z'), existing)).toEqual([]);
    // Another approver's period is no concern.
    expect(refusedFields(period('u-admin-2', 'u-admin', '2026-03-17T00:00:00Z', '2026-03-18T00:00:00Z'), existing)).toEqual([]);
  });
});

describe('who decides while approvers are away', () => {
  const away = period('u-a1', 'u-d1', '2026-03-16T00:00:00Z', '2026-03-20T00:00:00Z');

  it('covers from the start included to the end excluded', () => {
    expect(coversMoment(away, new Date('2026-03-15T23:59:59.999Z'))).toBe(false);
    expect(coversMoment(away, new Date('2026-03-16T00:00:00Z'))).toBe(true);
    expect(coversMoment(away, new Date('2026-03-19T23:59:59.999Z'))).toBe(true);
    expect(coversMoment(away, new Date('2026-03-20T00:00:00Z'))).toBe(false);
  });

  it('gives each away approver their delegate, and the others none', () => {
    const at = new Date('2026-03-17T12:00:00Z');
    expect(coversAt(['u-a1', 'u-a2'], [away], at)).toEqual([{ approverId: 'u-a1', delegateId: 'u-d1' }, { approverId: 'u-a2', delegateId: null }]);
    expect(coversAt(['u-a1'], [away], new Date('2026-03-21T00:00:00Z'))).toEqual([{ approverId: 'u-a1', delegateId: null }]);
  });

  it('tells the delegate instead of an away approver, everyone once', () => {
    const at = new Date('2026-03-17T12:00:00Z');
    expect(notifiedAt(['u-a1', 'u-a2'], [away], at)).toEqual(['u-d1', 'u-a2']);
    expect(notifiedAt(['u-a1', 'u-d1'], [away], at)).toEqual(['u-d1']);
    expect(notifiedAt(['u-a1', 'u-a2'], [away], new Date('2026-03-20T00:00:00Z'))).toEqual(['u-a1', 'u-a2']);
  });

  it('passes a request one hop only: the delegate of an away delegate gets nothing, and periods pointing at each other do not loop', () => {
    const at = new Date('2026-03-17T12:00:00Z');
    const chain = [away, period('u-d1', 'u-d2')];
    expect(delegateAt('u-a1', chain, at)).toBe('u-d1');
    expect(decidingAs('u-d2', coversAt(['u-a1'], chain, at))).toBeNull();
    const loop = [period('u-a1', 'u-a2'), period('u-a2', 'u-a1')];
    expect(coversAt(['u-a1', 'u-a2'], loop, at)).toEqual([{ approverId: 'u-a1', delegateId: 'u-a2' }, { approverId: 'u-a2', delegateId: 'u-a1' }]);
    expect(notifiedAt(['u-a1'], loop, at)).toEqual(['u-a2']);
  });

  it('lets an approver decide themselves even while away, and their delegate for them with a note', () => {
    const covers = coversAt(['u-a1', 'u-a2'], [away], new Date('2026-03-17T12:00:00Z'));
    expect(decidingAs('u-a1', covers)).toEqual({ decidedBy: 'u-a1', onBehalfOf: null, note: null });
    expect(decidingAs('u-d1', covers, { 'u-d1': 'Dana Scully', 'u-a1': 'Alex Krycek' })).toEqual({
      decidedBy: 'u-d1',
      onBehalfOf: 'u-a1',
      note: 'decided by Dana Scully for Alex Krycek, who is out of office',
    });
    expect(decidingAs('u-d1', covers)!.note).toBe('decided by u-d1 for u-a1, who is out of office');
    expect(decidingAs('u-stranger', covers)).toBeNull();
  });
});
