import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may go. An endpoint's URL is https (http only where WEBHOOK_ALLOW_HTTP allows it), without
 * credentials or fragment, and every address its host resolves to must be a public unicast address: a webhook
 * must never reach into the platform's own networks (loopback, private, link-local, unique-local, CGNAT, multicast,
 * unspecified, documentation, reserved, benchmarking, translation and tunnel prefixes), unless the address is inside
 * one of the networks an operator allowed (WEBHOOK_ALLOWED_NETWORKS). Checked when an endpoint is saved and again at
 * each delivery, which connects to the address checked here (DNS can change between the two).
 */
export interface UrlPolicy {
  allowHttp: boolean;
  /** Parsed CIDRs whose addresses are allowed whatever their kind. */
  allowedNetworks: readonly Network[];
}

export type Network = [ipaddr.IPv4 | ipaddr.IPv6, number];

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses (node:dns lookup by default; tests pass their own). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const resolveWithDns: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/** The URL is not allowed; `reason` names why, fit for the caller (no secret in it). */
export class UrlRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UrlRefusedError';
  }
}

/** A URL that passed, and the addresses its host had then (connect to one of them, not to a new lookup's). */
export interface CheckedUrl {
  url: URL;
  addresses: ResolvedAddress[];
}

/** Ranges ipaddr.js 1.9 calls unicast that are not public either. */
const NOT_PUBLIC_EXTRA: readonly Network[] = [
  ipaddr.parseCIDR('198.18.0.0/15'), // benchmarking
  ipaddr.parseCIDR('100::/64'), // discard only
  ipaddr.parseCIDR('2001:10::/28'), // ORCHID
  ipaddr.parseCIDR('2001:20::/28'), // ORCHIDv2
  ipaddr.parseCIDR('fec0::/10'), // site-local (deprecated)
  ipaddr.parseCIDR('::/128'),
];

/** `127.0.0.0/8, ::1/128` into networks; throws naming the first entry that is not a CIDR. */
export function parseNetworks(list: string | undefined): Network[] {
  if (!list) return [];
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      try {
        return ipaddr.parseCIDR(entry);
      } catch {
        throw new Error(`${entry} is not a network in CIDR form (10.1.0.0/16, fd00::/8)`);
      }
    });
}

export function isValidNetworkList(list: unknown): boolean {
  if (typeof list !== 'string') return false;
  try {
    parseNetworks(list);
    return true;
  } catch {
    return false;
  }
}

function inside(address: ipaddr.IPv4 | ipaddr.IPv6, [network, bits]: Network): boolean {
  if (address.kind() !== network.kind()) return false;
  return address.kind() === 'ipv4' ? (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits) : (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
}

/**
 * Why an address is not one a webhook may go to (its kind: `loopback`, `private`, ...), or null when it may. An
 * IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is judged as the IPv4 address it is.
 */
export function addressRefusal(text: string, policy: Pick<UrlPolicy, 'allowedNetworks'>): string | null {
  if (!ipaddr.isValid(text)) return 'not an IP address';
  const address = ipaddr.process(text);
  if (policy.allowedNetworks.some((network) => inside(address, network))) return null;
  const kind = address.range();
  if (kind !== 'unicast') return kind;
  if (NOT_PUBLIC_EXTRA.some((network) => inside(address, network))) return 'reserved';
  return null;
}

/** The URL's form alone: scheme, no credentials, no fragment, a host. Throws UrlRefusedError. */
export function parseWebhookUrl(text: string, policy: Pick<UrlPolicy, 'allowHttp'>): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UrlRefusedError('url must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    throw new UrlRefusedError(policy.allowHttp ? 'url must start with https:// or http://' : 'url must start with https://');
  }
  if (url.username !== '' || url.password !== '') throw new UrlRefusedError('url must not hold a user name or password');
  if (url.hash !== '') throw new UrlRefusedError('url must not have a fragment (#...)');
  if (url.hostname === '') throw new UrlRefusedError('url must name a host');
  return url;
}

/** The host as a resolver takes it: IPv6 literals without their brackets. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks a URL and every address its host resolves to. Throws UrlRefusedError naming the first refused address and
 * its kind (a host that does not resolve is refused too).
 */
export async function checkWebhookUrl(text: string, policy: UrlPolicy, resolve: HostResolver = resolveWithDns): Promise<CheckedUrl> {
  const url = parseWebhookUrl(text, policy);
  const host = hostOf(url);
  let addresses: ResolvedAddress[];
  try {
    addresses = ipaddr.isValid(host) ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }] : await resolve(host);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UrlRefusedError(`url host ${host} does not resolve${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new UrlRefusedError(`url host ${host} does not resolve`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) throw new UrlRefusedError(`url host ${host} resolves to ${address}, which is not a public address (${refusal})`);
  }
  return { url, addresses };
}
