import { parseParkedCommand, ParkedUsageError } from './parked-command';

describe('parseParkedCommand (npm run parked -- ...)', () => {
  it('lists a service’s parked messages or the parked e-mails, with paging', () => {
    expect(parseParkedCommand(['list', 'billing'])).toEqual({ method: 'GET', path: '/admin/parked-messages?service=billing', what: 'messages' });
    expect(parseParkedCommand(['list', 'emails', '--limit', '5', '--cursor', 'a b'])).toEqual({
      method: 'GET',
      path: '/admin/parked-emails?limit=5&cursor=a+b',
      what: 'emails',
    });
  });

  it('requeues one message or e-mail, its id encoded into the path', () => {
    expect(parseParkedCommand(['requeue', 'notifications', 'broker-notifications-identity:42'])).toEqual({
      method: 'POST',
      path: '/admin/parked-messages/notifications/broker-notifications-identity%3A42/requeue',
      what: 'requeued',
    });
    expect(parseParkedCommand(['requeue', 'emails', 'e4b1c3a0-0000-4000-8000-000000000000']).path).toBe(
      '/admin/parked-emails/e4b1c3a0-0000-4000-8000-000000000000/requeue',
    );
  });

  it('refuses what it does not know', () => {
    for (const args of [[], ['drop'], ['list'], ['list', 'gateway'], ['list', 'emails', '--all'], ['requeue', 'billing'], ['requeue', 'nowhere', 'x'], ['requeue', 'emails', 'a', 'b']]) {
      expect(() => parseParkedCommand(args)).toThrow(ParkedUsageError);
    }
  });
});
