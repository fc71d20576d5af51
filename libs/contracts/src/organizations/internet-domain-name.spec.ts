import { normalizeInternetDomainName } from './internet-domain-name';

describe('domain names', () => {
  it.each([
    ['contoso.com', 'contoso.com'],
    ['Contoso.COM', 'contoso.com'],
    ['mail.eu.contoso.co.uk', 'mail.eu.contoso.co.uk'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['a-b.example.', 'a-b.example'],
    ['1password.com', '1password.com'],
  ])('accepts %s as %s', (input, normalized) => {
    expect(normalizeInternetDomainName(input)).toBe(normalized);
  });

  it.each(['localhost', '', '-contoso.com', 'contoso-.com', 'con toso.com', 'contoso..com', 'contoso.com/x', 'user@contoso.com', '192.168.0.1', `${'a'.repeat(64)}.com`, `${'abcdefghi.'.repeat(26)}com`, 42, null])(
    'refuses %p',
    (input) => {
      expect(normalizeInternetDomainName(input)).toBeNull();
    },
  );
});
