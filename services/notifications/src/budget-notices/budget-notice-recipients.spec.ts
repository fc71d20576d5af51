import type { KnownUser } from '../directory/directory';
import { chooseBudgetNoticeRecipients } from './budget-notice-recipients';

const user = (userId: string, email: string, deleted = false): KnownUser => ({ userId, username: `${userId}@contoso.example`, firstName: 'Quinn', lastName: userId, email, deleted, name: `Quinn ${userId}` });

describe('budget notice recipients', () => {
  it('are the billing admins, each address once, without reading the admins', async () => {
    const admins = jest.fn(async () => [user('a-1', 'admin@contoso.example')]);
    const chosen = await chooseBudgetNoticeRecipients([user('b-1', 'bill@contoso.example'), user('b-2', ' BILL@contoso.example'), user('b-3', 'finance@contoso.example')], admins);
    expect(chosen).toEqual({
      audience: 'billing_admins',
      recipients: [
        { name: 'Quinn b-1', address: 'bill@contoso.example' },
        { name: 'Quinn b-3', address: 'finance@contoso.example' },
      ],
    });
    expect(admins).not.toHaveBeenCalled();
  });

  it('fall back to the admins when there is no billing admin who can be mailed', async () => {
    const chosen = await chooseBudgetNoticeRecipients([user('b-1', 'gone@contoso.example', true)], async () => [user('a-1', 'admin@contoso.example'), user('a-2', 'old@contoso.example', true)]);
    expect(chosen).toEqual({ audience: 'admins', recipients: [{ name: 'Quinn a-1', address: 'admin@contoso.example' }] });
  });

  it('are none when the organization has neither', async () => {
    expect(await chooseBudgetNoticeRecipients([], async () => [])).toEqual({ audience: 'none', recipients: [] });
  });
});
