import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, webhookHeaders, webhookSignature } from './webhook-signature';

describe('webhook signatures (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'approvals.transaction-approved.v1', timestamp: '2026-03-01T10:00:00.000Z', data: { transactionId: 't-1', note: 'é ✓' }, id: 'e-1' });

  it('makes secrets of 32 random bytes after whsec_, a new one each time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('signs so that the standardwebhooks library verifies the message', () => {
    const secret = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders(secret, 'e-1', timestamp, body, 'Broker-Webhooks/1');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['webhook-id']).toBe('e-1');
    expect(headers['webhook-timestamp']).toBe(String(timestamp));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('gives a signature that fails for another body, id, timestamp or secret', () => {
    const secret = newWebhookSecret();
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders(secret, 'e-1', timestamp, body, 'ua');
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body.replace('t-1', 't-2'), headers)).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-id': 'e-2' })).toThrow(WebhookVerificationError);
    expect(() => verifier.verify(body, { ...headers, 'webhook-timestamp': String(timestamp + 1) })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it('matches the example of the Standard Webhooks specification', () => {
    // From the specification's test vectors (msg_p5jXN8AQM9LWM0D4loKWxJek, 1614265330).
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"test": 2432232314}';
    expect(webhookSignature(secret, 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, payload)).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});
