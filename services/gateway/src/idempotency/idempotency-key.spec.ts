import { commandIdOf, idempotencyRecordName, isValidIdempotencyKey, requestFingerprint } from './idempotency-key';

describe('idempotency keys', () => {
  it('takes printable ASCII keys of 1 to 255 characters without spaces at either end', () => {
    for (const key of ['a', 'order-7f3c', '01HZX3Y8Q0', 'x'.repeat(255), 'with inner space']) expect(isValidIdempotencyKey(key)).toBe(true);
    for (const key of ['', ' a', 'a ', 'x'.repeat(256), 'tab\tkey', 'é', 'line\nbreak']) expect(isValidIdempotencyKey(key)).toBe(false);
  });

  it('keeps one user\'s keys apart from another\'s, and names neither', () => {
    expect(idempotencyRecordName('u-1', 'k')).not.toBe(idempotencyRecordName('u-2', 'k'));
    expect(idempotencyRecordName('u-1', 'k')).toBe(idempotencyRecordName('u-1', 'k'));
    expect(idempotencyRecordName('u-1', 'k')).toMatch(/^[0-9a-f]{64}$/);
    expect(commandIdOf('u-1', 'k')).toBe(commandIdOf('u-1', 'k'));
    expect(commandIdOf('u-1', 'k')).not.toBe(commandIdOf('u-2', 'k'));
    expect(commandIdOf('u-1', 'k')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sees the same request whatever the order of the JSON fields, and another one in any other difference', () => {
    const base = requestFingerprint('POST', '/api/v1/organizations/o/orders', { productId: 'p', quantity: 3, nested: { b: 1, a: [1, 2] } });
    expect(requestFingerprint('post', '/api/v1/organizations/o/orders', { nested: { a: [1, 2], b: 1 }, quantity: 3, productId: 'p' })).toBe(base);
    expect(requestFingerprint('POST', '/api/v1/organizations/o/orders', { productId: 'p', quantity: 4, nested: { b: 1, a: [1, 2] } })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/organizations/o/orders', { productId: 'p', quantity: 3, nested: { b: 1, a: [2, 1] } })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v1/organizations/x/orders', { productId: 'p', quantity: 3, nested: { b: 1, a: [1, 2] } })).not.toBe(base);
    expect(requestFingerprint('POST', '/p', 'a,b\n1,2')).not.toBe(requestFingerprint('POST', '/p', 'a,b\n1,3'));
    expect(requestFingerprint('POST', '/p', '{}')).not.toBe(requestFingerprint('POST', '/p', {}));
  });
});
