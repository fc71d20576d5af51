import { statusForCode } from './rpc-status';

describe('statusForCode', () => {
  it.each([
    ['VALIDATION', 400],
    ['ORGANIZATION.NOT_FOUND', 404],
    ['ORG.DOMAIN.NOT_FOUND', 404],
    ['CATALOG.FORBIDDEN', 403],
    ['AUTH.UNAUTHENTICATED', 401],
    ['ORDER.CONFLICT', 409],
    ['APPROVAL.ALREADY_DECIDED', 409],
    ['STORE.VERSION_MISMATCH', 412],
    ['ORGANIZATION_SETTINGS.VERSION_MISMATCH', 412],
    ['USER.DUPLICATE_USERNAME', 409],
    ['EVENT_STORE.WRONG_EXPECTED_REVISION', 409],
    ['DOMAIN.INVALID_NAME', 400],
    ['RPC.UNAVAILABLE', 503],
    ['STORE.UNAVAILABLE', 503],
    ['AUTH.THROTTLED', 429],
    ['BUDGET.EXCEEDED', 422],
    ['INTERNAL', 500],
    ['SOMETHING.ELSE', 500],
    ['NOT_FOUNDISH.X', 500],
  ])('%s -> %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('checks extra rules first', () => {
    expect(statusForCode('PASSWORD.TOO_WEAK', [{ code: 'PASSWORD.*', status: 422 }])).toBe(422);
    expect(statusForCode('USER.NOT_FOUND', [{ code: 'USER.NOT_FOUND', status: 410 }])).toBe(410);
  });
});
