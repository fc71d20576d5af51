import { isIP } from 'node:net';

/** Names Express's `trust proxy` knows for ranges of addresses. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUSTED_PROXIES as Express's `trust proxy` list: comma-separated addresses, CIDR ranges (`10.0.0.0/8`,
 * `fd00::/8`) and the names loopback, linklocal, uniquelocal; `none` trusts no proxy. Only a request that reaches
 * the gateway from one of them may say, in X-Forwarded-For, which client it comes from; from anyone else the
 * header is ignored. `true` or a hop count are refused: they would let any client choose its own address.
 * Returns the list, or the entries that are not understood.
 */
export function parseTrustedProxies(value: string): { proxies: string[] } | { invalid: string[] } {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e.length > 0);
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'none') return { proxies: [] };
  const invalid = entries.filter((e) => !isProxyEntry(e));
  if (entries.length === 0) return { invalid: [value] };
  return invalid.length > 0 ? { invalid } : { proxies: entries.map((e) => (RANGE_NAMES.has(e.toLowerCase()) ? e.toLowerCase() : e)) };
}

function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry.toLowerCase())) return true;
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
