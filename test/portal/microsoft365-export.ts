import { randomBytes } from 'node:crypto';

/** The columns of the Microsoft 365 admin center's user export (Users > Active users > Export users). */
const M365_HEADER = [
  'Block credential', 'City', 'Country/Region', 'Department', 'Display name', 'First name', 'Last name', 'Licenses',
  'Object Id', 'Office', 'Proxy addresses', 'Title', 'Usage location', 'User principal name', 'When created',
];

/** `count` users of `domain` as the export lists them (quoting, a BOM, CRLF), and one of the tenant's own domain. */
export function microsoft365Export(domain: string, count: number): string {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const line = (values: Record<string, string>) => M365_HEADER.map((c) => quote(values[c] ?? '')).join(',');
  const lines = [M365_HEADER.join(',')];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, '0');
    lines.push(
      line({
        'Block credential': 'False', City: 'Bellevue', Department: 'Sales, EMEA', 'Display name': `Person${n} Exported`, 'First name': `Person${n}`,
        'Last name': 'Exported', Licenses: 'contoso:SPB', 'Object Id': `96ca293c-29dd-4668-a763-ee407bd93${n}`, Office: 'Building "A"',
        'Proxy addresses': `smtp:p${n}@contoso.onmicrosoft.com+SMTP:person${n}@${domain}`, Title: 'Retail Manager', 'Usage location': 'US',
        'User principal name': `Person${n}@${domain.toUpperCase()}`, 'When created': '2021-09-05 23:19:44Z',
      }),
    );
  }
  lines.push(line({ 'Display name': 'Tenant Admin', 'First name': 'Tenant', 'Last name': 'Admin', 'User principal name': `admin@contoso${randomBytes(4).toString('hex')}.onmicrosoft.com` }));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
