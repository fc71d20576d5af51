/**
 * The two file formats of the users import, told apart by the header row:
 * - our template: `username,firstName,lastName,email,role,password` (role and password may be left out, as columns
 *   or as values; any order; header names compare without case, spaces, `_` or `-`);
 * - the Microsoft 365 admin center "Export users" file as it comes: "User principal name" becomes the username,
 *   "First name" / "Last name" the names (from "Display name" when missing), the contact e-mail is a mail column
 *   when there is one, else the primary SMTP address of "Proxy addresses", else the UPN; every other column
 *   (Department, Licenses, Block credential...) is ignored, and every user is an org_user without a password.
 */
export type ImportFormat = 'template' | 'microsoft365';

/** A data row mapped to user fields (raw text, trimmed; identity validates it). */
export interface MappedRow {
  username: string;
  firstName: string;
  lastName: string;
  email: string;
  role: string;
  password?: string;
}

export interface HeaderProblem {
  field: string;
  message: string;
}

export type FormatDetection =
  | { ok: true; format: ImportFormat; mapRow: (fields: readonly string[]) => MappedRow }
  | { ok: false; problems: HeaderProblem[] };

export const TEMPLATE_COLUMNS = ['username', 'firstName', 'lastName', 'email', 'role', 'password'] as const;
type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];
const REQUIRED_TEMPLATE_COLUMNS: readonly TemplateColumn[] = ['username', 'firstName', 'lastName', 'email'];

export const DEFAULT_IMPORT_ROLE = 'org_user';

/** `First name`, `first_name` and `FirstName` are the same column. */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const M365 = {
  upn: 'userprincipalname',
  firstName: 'firstname',
  lastName: 'lastname',
  displayName: 'displayname',
  proxyAddresses: 'proxyaddresses',
  /** Columns that hold the user's own mail address, when an export has one ("Alternate email address" does not). */
  mail: ['mail', 'email', 'emailaddress', 'primaryemailaddress', 'primarysmtpaddress'],
} as const;

export function detectFormat(header: readonly string[]): FormatDetection {
  const names = header.map(normalizeHeader);
  const duplicates = [...new Set(names.filter((n, i) => n !== '' && names.indexOf(n) !== i))];
  if (names.includes(M365.upn)) {
    const problems = duplicates.filter((n) => isM365Column(n)).map((n) => duplicateProblem(header, names, n));
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, format: 'microsoft365', mapRow: microsoft365Mapper(names) };
  }
  if (names.includes('username')) return templateDetection(header, names, duplicates);
  return {
    ok: false,
    problems: [
      {
        field: 'header',
        message: `The first row must name the columns: ${TEMPLATE_COLUMNS.join(',')} (role and password optional), or be the header of the Microsoft 365 admin center "Export users" file (with "User principal name")`,
      },
    ],
  };
}

function templateDetection(header: readonly string[], names: readonly string[], duplicates: readonly string[]): FormatDetection {
  const byName = new Map(TEMPLATE_COLUMNS.map((c) => [normalizeHeader(c), c] as const));
  const problems: HeaderProblem[] = [];
  names.forEach((name, i) => {
    if (!byName.has(name)) problems.push({ field: 'header', message: `Unknown column "${header[i]!.trim()}": the template's columns are ${TEMPLATE_COLUMNS.join(', ')}` });
  });
  for (const column of REQUIRED_TEMPLATE_COLUMNS) {
    if (!names.includes(normalizeHeader(column))) problems.push({ field: 'header', message: `The column ${column} is missing` });
  }
  for (const name of duplicates) problems.push(duplicateProblem(header, names, name));
  if (problems.length > 0) return { ok: false, problems };

  const index = (column: TemplateColumn) => names.indexOf(normalizeHeader(column));
  const at = TEMPLATE_COLUMNS.map(index);
  const [username, firstName, lastName, email, role, password] = at as [number, number, number, number, number, number];
  return {
    ok: true,
    format: 'template',
    mapRow: (fields) => {
      const value = (i: number) => (i >= 0 ? (fields[i] ?? '') : '');
      const row: MappedRow = {
        username: value(username).trim().toLowerCase(),
        firstName: value(firstName).trim(),
        lastName: value(lastName).trim(),
        email: value(email).trim(),
        role: value(role).trim().toLowerCase() || DEFAULT_IMPORT_ROLE,
      };
      // A password is taken as written (spaces may belong to it); an empty cell means none.
      const secret = value(password);
      if (secret !== '') row.password = secret;
      return row;
    },
  };
}

function microsoft365Mapper(names: readonly string[]): (fields: readonly string[]) => MappedRow {
  const upn = names.indexOf(M365.upn);
  const first = names.indexOf(M365.firstName);
  const last = names.indexOf(M365.lastName);
  const display = names.indexOf(M365.displayName);
  const proxies = names.indexOf(M365.proxyAddresses);
  const mail = names.findIndex((n) => (M365.mail as readonly string[]).includes(n));
  return (fields) => {
    const value = (i: number) => (i >= 0 ? (fields[i] ?? '').trim() : '');
    const username = value(upn).toLowerCase();
    const names = fillNames(value(first), value(last), value(display));
    const email = value(mail) || primarySmtpAddress(value(proxies)) || username;
    return { username, ...names, email, role: DEFAULT_IMPORT_ROLE };
  };
}

function isM365Column(name: string): boolean {
  return ([M365.upn, M365.firstName, M365.lastName, M365.displayName, M365.proxyAddresses, ...M365.mail] as string[]).includes(name);
}

function duplicateProblem(header: readonly string[], names: readonly string[], name: string): HeaderProblem {
  return { field: 'header', message: `The column "${header[names.indexOf(name)]!.trim()}" appears more than once` };
}

/**
 * First and last name, taking what is missing from the display name: "Anna Berg" and "Berg, Anna" both give
 * Anna / Berg; a first name with the display name "Anna Maria Berg" gives the last name "Maria Berg".
 */
export function fillNames(firstName: string, lastName: string, displayName: string): { firstName: string; lastName: string } {
  if ((firstName && lastName) || !displayName) return { firstName, lastName };
  const split = splitDisplayName(displayName);
  if (!firstName && !lastName) return split;
  if (!lastName) {
    const rest = startsWithWord(displayName, firstName) ? displayName.slice(firstName.length).trim() : '';
    return { firstName, lastName: rest || split.lastName };
  }
  const rest = endsWithWord(displayName, lastName) ? displayName.slice(0, displayName.length - lastName.length).trim() : '';
  return { firstName: rest || split.firstName, lastName };
}

export function splitDisplayName(displayName: string): { firstName: string; lastName: string } {
  const name = displayName.trim().replace(/\s+/g, ' ');
  const comma = name.indexOf(',');
  if (comma > 0) return { firstName: name.slice(comma + 1).trim(), lastName: name.slice(0, comma).trim() };
  const space = name.indexOf(' ');
  if (space < 0) return { firstName: name, lastName: '' };
  return { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
}

/**
 * The primary address of Microsoft 365's "Proxy addresses" (`SMTP:anna@contoso.com+smtp:a.berg@contoso.com`): the
 * one with the upper-case `SMTP:` prefix. Entries are joined with `+`, which an address may itself contain, so an
 * entry ends only where the next `+prefix:` begins.
 */
export function primarySmtpAddress(proxyAddresses: string): string {
  const match = /(?:^|\+)SMTP:(.+?)(?=\+[A-Za-z0-9]+:|$)/.exec(proxyAddresses.trim());
  return match?.[1]?.trim() ?? '';
}

/** "Anna Berg" starts with the word "Anna", not with the word "Ann". */
function startsWithWord(text: string, word: string): boolean {
  const lower = text.toLowerCase();
  return lower.startsWith(`${word.toLowerCase()} `);
}

function endsWithWord(text: string, word: string): boolean {
  return text.toLowerCase().endsWith(` ${word.toLowerCase()}`);
}
