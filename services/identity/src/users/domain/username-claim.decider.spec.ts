import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { UsernameTakenError } from './user.errors';
import { usernameClaimDecider, usernameClaimEventId, usernameClaimStreamId } from './username-claim.decider';

const spec = DeciderSpecification.for(usernameClaimDecider);
const at = new Date('2026-03-16T09:00:00Z');
const username = 'anna@contoso.com';
const claimedBy = (userId: string) => ({ type: 'UsernameClaimed' as const, data: { username, userId, organizationId: null, claimedAt: at.toISOString() } });
const releasedBy = (userId: string) => ({ type: 'UsernameReleased' as const, data: { username, userId, releasedAt: at.toISOString() } });

describe('username claim decider', () => {
  it('lets one user claim a free name, again harmlessly, and nobody else', () => {
    spec.when({ type: 'ClaimUsername', data: { username, userId: 'u-1' }, at }).then([claimedBy('u-1')]);
    spec.given([claimedBy('u-1')]).when({ type: 'ClaimUsername', data: { username, userId: 'u-1' }, at }).then([]);
    spec.given([claimedBy('u-1')]).when({ type: 'ClaimUsername', data: { username, userId: 'u-2' }, at }).thenThrows(UsernameTakenError, (e) => e.code === 'USER.DUPLICATE_USERNAME');
  });

  it('frees a name its holder releases, for a later claim in the same stream', () => {
    spec.given([claimedBy('u-1')]).when({ type: 'ReleaseUsername', data: { username, userId: 'u-1' }, at }).then([releasedBy('u-1')]);
    spec.given([claimedBy('u-1'), releasedBy('u-1')]).when({ type: 'ClaimUsername', data: { username, userId: 'u-2' }, at }).then([claimedBy('u-2')]);
  });

  it('ignores a release by someone who does not hold the name', () => {
    spec.given([claimedBy('u-1')]).when({ type: 'ReleaseUsername', data: { username, userId: 'u-2' }, at }).then([]);
    spec.given([claimedBy('u-1'), releasedBy('u-1')]).when({ type: 'ReleaseUsername', data: { username, userId: 'u-1' }, at }).then([]);
  });

  it('keys the stream on the name whatever its case, and each user claims and releases with its own event ids', () => {
    expect(usernameClaimStreamId('Anna@Contoso.COM')).toBe(usernameClaimStreamId(username));
    expect(usernameClaimEventId(claimedBy('u-1'))).not.toBe(usernameClaimEventId(claimedBy('u-2')));
    expect(usernameClaimEventId(claimedBy('u-1'))).not.toBe(usernameClaimEventId(releasedBy('u-1')));
  });
});
