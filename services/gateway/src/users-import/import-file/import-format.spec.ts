import { detectFormat, fillNames, primarySmtpAddress, splitDisplayName } from './import-format';

/** The column set of the Microsoft 365 admin center "Export users" file, in its order. */
const M365_HEADER = [
  'Block credential', 'City', 'Country/Region', 'Department', 'DirSyncEnabled', 'Display name', 'Fax', 'First name',
  'Last dirsync time', 'Last name', 'Last password change time stamp', 'License assignment details', 'Licenses',
  'Mobile Phone', 'Oath token meta data', 'Object Id', 'Office', 'Password never expires', 'Phone number', 'Postal code',
  'Preferred data location', 'Preferred language', 'Proxy addresses', 'Release track', 'Soft deletion time stamp', 'State',
  'Street address', 'Strong password required', 'Title', 'Usage location', 'User principal name', 'When created',
];

function m365Row(values: Record<string, string>): string[] {
  return M365_HEADER.map((column) => values[column] ?? '');
}

function mapperOf(header: string[]) {
  const detection = detectFormat(header);
  if (!detection.ok) throw new Error(JSON.stringify(detection.problems));
  return detection;
}

describe('detectFormat: our template', () => {
  it('knows the template in any order and header spelling, role and password optional', () => {
    expect(mapperOf(['username', 'firstName', 'lastName', 'email', 'role', 'password']).format).toBe('template');
    expect(mapperOf(['Email', 'First Name', 'last_name', 'UserName']).format).toBe('template');
  });

  it('maps a row: username lower-cased, values trimmed, role defaulting to org_user, password taken as written', () => {
    const { mapRow } = mapperOf(['username', 'firstName', 'lastName', 'email', 'role', 'password']);
    expect(mapRow([' Anna@Contoso.com ', ' Anna ', 'Berg ', ' anna@contoso.com', ' ORG_ADMIN ', ' Xq9!wertzu '])).toEqual({
      username: 'anna@contoso.com',
      firstName: 'Anna',
      lastName: 'Berg',
      email: 'anna@contoso.com',
      role: 'org_admin',
      password: ' Xq9!wertzu ',
    });
    expect(mapRow(['bo@contoso.com', 'Bo', 'Ek', 'bo@contoso.com', '', ''])).toEqual({ username: 'bo@contoso.com', firstName: 'Bo', lastName: 'Ek', email: 'bo@contoso.com', role: 'org_user' });
  });

  it('reads missing trailing cells as empty and a file without role and password columns', () => {
    const { mapRow } = mapperOf(['email', 'lastName', 'firstName', 'username']);
    expect(mapRow(['bo@contoso.com', 'Ek', 'Bo', 'bo@contoso.com'])).toEqual({ username: 'bo@contoso.com', firstName: 'Bo', lastName: 'Ek', email: 'bo@contoso.com', role: 'org_user' });
    expect(mapRow(['bo@contoso.com'])).toEqual({ username: '', firstName: '', lastName: '', email: 'bo@contoso.com', role: 'org_user' });
  });

  it('refuses unknown, missing and repeated columns, naming each', () => {
    const detection = detectFormat(['username', 'firstName', 'passwrd', 'email', 'email']);
    expect(detection.ok).toBe(false);
    const messages = detection.ok ? [] : detection.problems.map((p) => p.message);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringContaining('Unknown column "passwrd"'), expect.stringContaining('lastName is missing'), expect.stringContaining('"email" appears more than once')]),
    );
  });

  it('refuses a header that is neither format', () => {
    const detection = detectFormat(['name', 'mail']);
    expect(detection.ok).toBe(false);
    expect(detection.ok ? '' : detection.problems[0]!.message).toContain('User principal name');
  });
});

describe('detectFormat: the Microsoft 365 export', () => {
  const { format, mapRow } = mapperOf(M365_HEADER);

  it('is recognised by its "User principal name" column, whatever else it has', () => {
    expect(format).toBe('microsoft365');
    expect(mapperOf(['Display name', 'User principal name']).format).toBe('microsoft365');
  });

  it('maps UPN to a lower-case username, first and last name, org_user, no password, and ignores the rest', () => {
    const row = mapRow(
      m365Row({
        'User principal name': 'AdeleV@Contoso.onmicrosoft.com',
        'Display name': 'Adele Vance',
        'First name': 'Adele',
        'Last name': 'Vance',
        Department: 'Retail',
        'Block credential': 'True',
        Licenses: 'Microsoft 365 E5',
        Office: '18/2111',
      }),
    );
    expect(row).toEqual({ username: 'adelev@contoso.onmicrosoft.com', firstName: 'Adele', lastName: 'Vance', email: 'adelev@contoso.onmicrosoft.com', role: 'org_user' });
    expect(row).not.toHaveProperty('password');
  });

  it('takes names from the display name when the name columns are empty', () => {
    expect(mapRow(m365Row({ 'User principal name': 'a@x.com', 'Display name': 'Anna Maria Berg' }))).toMatchObject({ firstName: 'Anna', lastName: 'Maria Berg' });
    expect(mapRow(m365Row({ 'User principal name': 'a@x.com', 'Display name': 'Berg, Anna' }))).toMatchObject({ firstName: 'Anna', lastName: 'Berg' });
  });

  it('uses the primary SMTP address as contact e-mail when present, else the UPN', () => {
    const row = mapRow(m365Row({ 'User principal name': 'anna@contoso.onmicrosoft.com', 'Proxy addresses': 'smtp:anna@contoso.onmicrosoft.com+SMTP:anna.berg@contoso.com' }));
    expect(row.email).toBe('anna.berg@contoso.com');
  });

  it('uses a mail column when the export has one', () => {
    const { mapRow: withMail } = mapperOf(['User principal name', 'Mail', 'First name', 'Last name']);
    expect(withMail(['anna@contoso.com', 'anna.berg@contoso.com', 'Anna', 'Berg']).email).toBe('anna.berg@contoso.com');
    expect(withMail(['anna@contoso.com', '', 'Anna', 'Berg']).email).toBe('anna@contoso.com');
  });

  it('refuses the file when a column it reads appears twice', () => {
    expect(detectFormat(['User principal name', 'First name', 'First name']).ok).toBe(false);
    expect(detectFormat(['User principal name', 'Office', 'Office']).ok).toBe(true);
  });
});

describe('names and addresses', () => {
  it('splits a display name at the first space, or as "Last, First"', () => {
    expect(splitDisplayName('  Anna   Berg ')).toEqual({ firstName: 'Anna', lastName: 'Berg' });
    expect(splitDisplayName('Conference Room B')).toEqual({ firstName: 'Conference', lastName: 'Room B' });
    expect(splitDisplayName('Berg, Anna')).toEqual({ firstName: 'Anna', lastName: 'Berg' });
    expect(splitDisplayName('Admin')).toEqual({ firstName: 'Admin', lastName: '' });
  });

  it('fills only the missing name, by whole words', () => {
    expect(fillNames('Anna', 'Berg', 'Someone Else')).toEqual({ firstName: 'Anna', lastName: 'Berg' });
    expect(fillNames('Anna', '', 'Anna Maria Berg')).toEqual({ firstName: 'Anna', lastName: 'Maria Berg' });
    expect(fillNames('Ann', '', 'Anna Berg')).toEqual({ firstName: 'Ann', lastName: 'Berg' });
    expect(fillNames('', 'Berg', 'Anna Maria Berg')).toEqual({ firstName: 'Anna Maria', lastName: 'Berg' });
    expect(fillNames('', '', '')).toEqual({ firstName: '', lastName: '' });
  });

  it('finds the primary SMTP address among proxy addresses, even one holding a plus', () => {
    expect(primarySmtpAddress('SMTP:anna@contoso.com')).toBe('anna@contoso.com');
    expect(primarySmtpAddress('smtp:old@contoso.com+SMTP:anna+news@contoso.com+SIP:anna@contoso.com')).toBe('anna+news@contoso.com');
    expect(primarySmtpAddress('smtp:only-secondary@contoso.com')).toBe('');
    expect(primarySmtpAddress('')).toBe('');
  });
});
