import type { ImportUserRowDto } from '@broker/contracts';
import { distinctErrors, importRowErrors } from './import-row.rules';

const good: ImportUserRowDto = { row: 2, username: 'anna@contoso.com', firstName: 'Anna', lastName: 'Berg', email: 'anna@contoso.com', role: 'org_user' };

describe('import row rules', () => {
  it('finds nothing wrong with a good row', () => {
    expect(importRowErrors(good)).toEqual([]);
  });

  it('reports every broken field of a row at once', () => {
    const errors = importRowErrors({ ...good, username: '', firstName: '', lastName: 'x'.repeat(101), email: 'not-an-email', role: 'boss' });
    expect(errors.map((e) => e.field)).toEqual(['firstName', 'lastName', 'email', 'role', 'username']);
    expect(errors.find((e) => e.field === 'role')!.message).toContain('org_user');
  });

  it('names the earlier row holding the same username', () => {
    expect(importRowErrors({ ...good, repeatsRow: 7 })).toEqual([{ field: 'username', message: 'username already appears in row 7 of this file' }]);
  });

  it('requires the e-mail and refuses an over-long one', () => {
    expect(importRowErrors({ ...good, email: '' })).toEqual([{ field: 'email', message: 'email is required' }]);
    expect(importRowErrors({ ...good, email: `${'a'.repeat(250)}@x.com` })[0]!.field).toBe('email');
  });

  it('lets registration judge a known role (organization roles are its rule)', () => {
    expect(importRowErrors({ ...good, role: 'reseller_admin' })).toEqual([]);
  });

  it('refuses names that reorder or break how they show, as the HTTP bodies do', () => {
    const errors = importRowErrors({ ...good, firstName: 'Anna\u202Egnp.exe', lastName: 'Berg\u0007', username: 'anna\u2066@contoso.com' });
    expect(errors).toEqual([
      { field: 'firstName', message: 'firstName must not contain bidirectional control characters (U+202E)' },
      { field: 'lastName', message: 'lastName must not contain control characters (U+0007)' },
      { field: 'username', message: 'username must not contain bidirectional control characters (U+2066)' },
    ]);
  });

  it('reports the same message once', () => {
    const e = { field: 'role', message: 'role must be one of x' };
    expect(distinctErrors([e, { ...e }, { field: 'email', message: 'x' }])).toEqual([e, { field: 'email', message: 'x' }]);
  });
});
