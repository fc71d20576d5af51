import { displayName, internetDomainOf, parseMailbox } from './mailbox';

describe('mailbox', () => {
  it.each([
    ['no-reply@broker.example', { name: '', address: 'no-reply@broker.example' }],
    ['Cloud Broker <no-reply@broker.example>', { name: 'Cloud Broker', address: 'no-reply@broker.example' }],
    ['"Broker, Inc." <no-reply@broker.example>', { name: 'Broker, Inc.', address: 'no-reply@broker.example' }],
    ['  <a@localhost>  ', { name: '', address: 'a@localhost' }],
  ])('reads %s', (text, mailbox) => {
    expect(parseMailbox(text)).toEqual(mailbox);
  });

  it.each(['', 'broker', 'a@@b', 'Name <not an address>', 'a@b, c@d', 'Name <a@b'])('refuses %j', (text) => {
    expect(parseMailbox(text)).toBeNull();
  });

  it('takes the domain in lower case', () => {
    expect(internetDomainOf('No-Reply@Broker.Example')).toBe('broker.example');
  });

  it('keeps display names on one line', () => {
    expect(displayName('Eve\r\nBcc: victim@example.com\t ')).toBe('Eve Bcc: victim@example.com');
  });
});
