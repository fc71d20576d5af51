/**
 * Entity tags (RFC 9110, 8.8.3) and If-Match (13.1.1) for the replaceable resources. A tag is the resource's
 * version as its service reads it from the event store, quoted: `"3"`. The gateway never compares versions itself
 * (but for a resource it composes): it passes the strong tags of If-Match to the service, which checks them in the
 * same step as its append.
 */

export interface EntityTag {
  weak: boolean;
  opaque: string;
}

/** `*`: any version. */
export const ANY_VERSION = '*';

/** At most this many tags in one If-Match (the RPC contracts take as many expected versions). */
export const MAX_IF_MATCH_TAGS = 50;

/** The longest version a service answers is far shorter; a longer tag can never match. */
const MAX_VERSION_LENGTH = 100;

/** etagc = %x21 / %x23-7E / obs-text */
const ETAGC = /^[\x21\x23-\x7e\x80-\xff]*$/;

export function formatEntityTag(version: string): string {
  if (!ETAGC.test(version)) throw new Error(`Not usable in an entity tag: ${JSON.stringify(version)}`);
  return `"${version}"`;
}

/**
 * `*` or a comma-separated list of entity tags (empty elements allowed, as in every HTTP list); undefined when the
 * value breaks that grammar.
 */
export function parseEntityTags(value: string): typeof ANY_VERSION | EntityTag[] | undefined {
  if (value.trim() === ANY_VERSION) return ANY_VERSION;
  const tags: EntityTag[] = [];
  let i = 0;
  const skipSpace = () => {
    while (value[i] === ' ' || value[i] === '\t') i++;
  };
  while (i < value.length) {
    skipSpace();
    if (value[i] === ',') {
      i++;
      continue;
    }
    if (i >= value.length) break;
    const weak = value.startsWith('W/', i);
    if (weak) i += 2;
    if (value[i] !== '"') return undefined;
    const end = value.indexOf('"', i + 1);
    if (end < 0) return undefined;
    const opaque = value.slice(i + 1, end);
    if (!ETAGC.test(opaque)) return undefined;
    tags.push({ weak, opaque });
    i = end + 1;
    skipSpace();
    if (i < value.length && value[i] !== ',') return undefined;
  }
  return tags;
}

export type IfMatchOutcome =
  /** No If-Match, or `*`: the change is made whatever the version. */
  | { kind: 'unconditional' }
  /** The versions the change may be made under (empty: none can match, the answer will be 412). */
  | { kind: 'versions'; versions: string[] }
  | { kind: 'malformed'; reason: string };

/**
 * What an If-Match header asks for. If-Match compares strongly, so a weak tag never matches and is left out, as is a
 * tag too long to be a version.
 */
export function readIfMatch(header: string | undefined): IfMatchOutcome {
  if (header === undefined) return { kind: 'unconditional' };
  const parsed = parseEntityTags(header);
  if (parsed === undefined) return { kind: 'malformed', reason: 'If-Match must be * or a list of entity tags such as "3"' };
  if (parsed === ANY_VERSION) return { kind: 'unconditional' };
  if (parsed.length > MAX_IF_MATCH_TAGS) return { kind: 'malformed', reason: `If-Match lists at most ${MAX_IF_MATCH_TAGS} entity tags` };
  const versions = parsed.filter((tag) => !tag.weak && tag.opaque.length <= MAX_VERSION_LENGTH).map((tag) => tag.opaque);
  return { kind: 'versions', versions: [...new Set(versions)] };
}

/** The ETag header of an answer, from the version its service read; the body goes without it. */
export function withEntityTag<T extends { version: string }>(response: { setHeader(name: string, value: string): unknown }, view: T): Omit<T, 'version'> {
  const { version, ...body } = view;
  response.setHeader('ETag', formatEntityTag(version));
  return body;
}
