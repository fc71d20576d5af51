import { isIPv6 } from 'node:net';

/**
 * The key a source address is counted under. An IPv6 host usually holds a whole /64 and can pick any address in it,
 * so IPv6 addresses count by their /64; IPv4-mapped IPv6 addresses count as the IPv4 address they carry.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight groups of an IPv6 address, without leading zeros (a zone such as `%eth0` is dropped). */
function expandIPv6(ip: string): string[] {
  const address = ip.split('%')[0]!.toLowerCase();
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const left = groups(head);
  const right = groups(tail);
  const filled = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return filled.map((group) => (group.includes('.') ? group : parseInt(group, 16).toString(16)));
}
