import type { TransactionFactsV1 } from '@broker/contracts';
import { approvalDecidedMail, approvalRequestedMail, escapeHtml, html, supportRequestMail, welcomeMail } from './';

const transaction: TransactionFactsV1 = {
  transactionId: 't-1',
  resellerId: 'r-1',
  organizationId: 'o-1',
  transactionType: 'order',
  productId: 'p-1',
  productName: 'Backup Pro',
  subscriptionId: 's-1',
  quantity: 5,
  previousQuantity: 0,
  unitPrice: '21.00',
  annualValue: '1260.00',
  currency: 'EUR',
  billingFrequency: 'monthly',
  requestedBy: 'u-1',
  requestedAt: '2026-03-16T09:05:00.000Z',
  appliedPolicy: 'approval_required',
};
const requester = { name: 'Quinn Tester', username: 'quinn@contoso.example' };
const evil = `<script>alert("x")</script> & 'Co'`;

/** Text between tags: what a reader of the HTML part sees. */
const visibleText = (markup: string) => markup.replace(/<[^>]*>/g, ' ');

describe('html tag', () => {
  it('escapes every value, in content and in attributes, but not markup it made itself', () => {
    const link = html`<a href="${'https://x.example/?a=1&b="2"'}">${'<b>'}</a>`;
    expect(link.value).toBe('<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">&lt;b&gt;</a>');
    expect(html`<p>${link}</p>`.value).toBe(`<p>${link.value}</p>`);
    expect(html`${[1, '<', null, undefined, false]}`.value).toBe('1&lt;');
    expect(escapeHtml(`'`)).toBe('&#39;');
  });
});

describe('approval requested mail', () => {
  const mail = approvalRequestedMail({ organizationName: 'Contoso', requester, transaction, reviewUrl: 'https://portal.example/approvals/t-1' });

  it('names organization, requester, product, quantity, annual value with currency, and links to the approval', () => {
    expect(mail.subject).toBe('Approval needed: order of 5 × Backup Pro for Contoso');
    for (const part of [mail.text, visibleText(mail.html)]) {
      expect(part).toContain('Contoso');
      expect(part).toContain('Quinn Tester (quinn@contoso.example)');
      expect(part).toContain('Backup Pro');
      expect(part).toContain('1260.00 EUR');
      expect(part).toContain('https://portal.example/approvals/t-1');
      expect(part).toContain('2026-03-16 09:05 UTC');
    }
    expect(mail.text).toContain('Quantity: 5');
    expect(mail.html).toContain('href="https://portal.example/approvals/t-1"');
  });

  it('shows a quantity change as before and after', () => {
    const change = approvalRequestedMail({ organizationName: 'Contoso', requester, transaction: { ...transaction, transactionType: 'change', previousQuantity: 3 }, reviewUrl: 'u' });
    expect(change.subject).toBe('Approval needed: change of Backup Pro from 3 to 5 for Contoso');
    expect(change.text).toContain('Quantity: 3 → 5');
  });
});

describe('approval decided mail', () => {
  const base = { organizationName: 'Contoso', requester, decider: { name: 'Rita Reseller', username: 'rita@x.example' }, decidedAt: '2026-03-16T10:00:00Z', transaction, transactionUrl: 'https://portal.example/t' };

  it('carries an approval and its comment', () => {
    const mail = approvalDecidedMail({ ...base, decision: 'approved', comment: 'Go ahead' });
    expect(mail.subject).toBe('Approved: order of 5 × Backup Pro for Contoso');
    expect(mail.text).toContain('Decision: Approved');
    expect(mail.text).toContain('Comment: Go ahead');
    expect(mail.text).toContain('Decided by: Rita Reseller (rita@x.example)');
  });

  it('carries a rejection and its reason', () => {
    const mail = approvalDecidedMail({ ...base, decision: 'rejected', reason: 'Over budget' });
    expect(mail.subject).toBe('Rejected: order of 5 × Backup Pro for Contoso');
    expect(mail.text).toContain('Reason: Over budget');
    expect(visibleText(mail.html)).toContain('Over budget');
  });
});

describe('support request mail', () => {
  it('names organization, requester and subscription, and quotes the message with its line breaks', () => {
    const mail = supportRequestMail({
      supportRequestId: 'sr-1',
      organizationName: 'Contoso',
      organizationId: 'o-1',
      primaryDomain: 'contoso.example',
      requester: { ...requester, email: 'quinn.contact@contoso.example' },
      subject: 'Backup fails',
      message: 'Line one\nLine two',
      subscription: { subscriptionId: 's-1', productId: 'p-1', productName: 'Backup Pro', quantity: 5, status: 'active' },
      createdAt: '2026-03-16T09:05:00Z',
      organizationUrl: 'https://portal.example/organizations/o-1',
    });
    expect(mail.subject).toBe('Support request from Contoso: Backup fails');
    expect(mail.text).toContain('Subscription: Backup Pro, quantity 5');
    expect(mail.text).toContain('> Line one\n> Line two');
    expect(mail.html).toContain('Line one<br>\nLine two');
    expect(mail.text).toContain('quinn.contact@contoso.example');
  });
});

describe('welcome mail', () => {
  it('gives the login name and the portal link, and no password', () => {
    const mail = welcomeMail({ firstName: 'Quinn', username: 'quinn@contoso.example', organizationName: 'Contoso', loginUrl: 'https://portal.example/login' });
    expect(mail.text).toContain('Login name: quinn@contoso.example');
    expect(mail.text).toContain('https://portal.example/login');
    expect(mail.text).toContain('does not contain a password');
  });
});

describe('escaping', () => {
  it('never lets a value become markup, in any mail, while the plain text keeps it as written', () => {
    const mails = [
      approvalRequestedMail({ organizationName: evil, requester: { name: evil, username: evil }, transaction: { ...transaction, productName: evil }, reviewUrl: `https://p.example/"${evil}` }),
      approvalDecidedMail({ organizationName: evil, requester, decider: null, decidedAt: 'x', transaction, transactionUrl: 'u', decision: 'rejected', reason: evil }),
      supportRequestMail({ supportRequestId: 's', organizationName: evil, organizationId: 'o', primaryDomain: null, requester: { name: evil, username: 'u', email: 'e@x' }, subject: evil, message: evil, subscription: null, createdAt: 'x', organizationUrl: 'u' }),
      welcomeMail({ firstName: evil, username: evil, organizationName: evil, loginUrl: 'u' }),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toContain('<script');
      expect(mail.html).not.toContain('"x")');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
      expect(mail.text).toContain(evil);
    }
  });

  it('keeps the subject on one line', () => {
    const mail = supportRequestMail({ supportRequestId: 's', organizationName: 'A\r\nBcc: x@y', organizationId: 'o', primaryDomain: null, requester: { ...requester, email: 'e@x' }, subject: 'S', message: 'm', subscription: null, createdAt: 'x', organizationUrl: 'u' });
    expect(mail.subject).toBe('Support request from A Bcc: x@y: S');
  });
});
