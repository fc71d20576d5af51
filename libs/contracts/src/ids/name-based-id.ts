import { createHash } from 'node:crypto';

/** The platform's own UUID namespace for name-based ids. */
export const BROKER_NAMESPACE = '6f1c5d2e-8a43-4b7e-9c21-3d5e7f9a0b14';

/**
 * A UUID (version 5, RFC 9562) derived from a name: the same name always gives the same id. Used where a retry must
 * land on the same record, such as the event a consumer appends in reaction to a message, or a username's claim.
 */
export function nameBasedId(name: string, namespace: string = BROKER_NAMESPACE): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
