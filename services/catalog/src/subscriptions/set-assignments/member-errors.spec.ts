import { memberErrors } from './set-assignments.handler';

describe('assignment member check', () => {
  it('requires users newly given a licence to be active users of the organization', () => {
    const statuses = new Map([['u-a', 'active'], ['u-b', 'disabled'], ['u-c', 'not_member']] as const);
    expect(memberErrors(['u-a', 'u-b', 'u-c'], statuses, new Set())).toEqual([
      { field: 'userIds.1', message: 'User u-b is disabled: only active users can be given a licence' },
      { field: 'userIds.2', message: 'User u-c is not a user of this organization' },
    ]);
  });

  it('lets a disabled holder keep a licence, but never a user who left the organization', () => {
    const statuses = new Map([['u-b', 'disabled'], ['u-c', 'not_member']] as const);
    expect(memberErrors(['u-b', 'u-c'], statuses, new Set(['u-b', 'u-c']))).toEqual([{ field: 'userIds.1', message: 'User u-c is not a user of this organization' }]);
  });
});
