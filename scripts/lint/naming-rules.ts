// Names that agree (docs/adr/0030-names.md): a use case's files are named for its folder, a repository sits at its
// feature's root beside domain/, and the word "domain" names only the model layer. Pure: judges a list of file paths.

export type NamingRule = 'use-case-files' | 'repository-place' | 'domain-names-the-model';

export interface NamingViolation {
  path: string;
  rule: NamingRule;
  message: string;
}

/** Files whose role the use-case folder names: `<use-case>/<use-case>.controller.ts`. */
const USE_CASE_ROLES = ['controller', 'handler', 'query'] as const;

/**
 * The model layer's own base error (`DomainError`, thrown by deciders) lives in the event-sourcing lib, outside any
 * `domain/` folder; it is the model layer, so it may say so.
 */
const MODEL_LAYER_FILES = new Set(['libs/event-sourcing/src/errors/domain-error.ts']);

/** `services/<service>/src/<rest>`, or null for a path outside a service's sources. */
function serviceSource(path: string): { service: string; rest: string[] } | null {
  const parts = path.split('/');
  if (parts[0] !== 'services' || parts[2] !== 'src' || parts.length < 4) return null;
  return { service: parts[1]!, rest: parts.slice(3) };
}

/** Words of a file or folder name: `dns-internet-domain-ownership-resolver.int-spec.ts` -> dns, internet, domain, ... */
const wordsOf = (name: string): string[] => name.toLowerCase().split(/[-_.]/).filter((word) => word.length > 0);

/**
 * (a) In a backing service, every `*.controller.ts`, `*.handler.ts` and `*.query.ts` is named for the folder it sits
 * in. The gateway is not held to it: its folders are HTTP areas holding one controller per resource.
 */
function useCaseFiles(path: string): NamingViolation[] {
  const source = serviceSource(path);
  if (!source || source.service === 'gateway' || source.rest.length < 2) return [];
  const file = source.rest[source.rest.length - 1]!;
  const folder = source.rest[source.rest.length - 2]!;
  const role = USE_CASE_ROLES.find((r) => file.endsWith(`.${r}.ts`));
  if (!role || file === `${folder}.${role}.ts`) return [];
  return [
    {
      path,
      rule: 'use-case-files',
      message: `a ${role} in ${folder}/ is named ${folder}.${role}.ts (move it to a folder named for it, or rename it)`,
    },
  ];
}

/**
 * (b) A repository is `services/<service>/src/<feature>/<aggregate>.repository.ts` (its specs beside it), at the root of
 * a feature that has a `domain/` folder. No other file or folder is named for a repository.
 */
function repositoryPlace(path: string, featuresWithModel: ReadonlySet<string>): NamingViolation[] {
  const segments = path.split('/');
  const first = segments.findIndex((segment) => wordsOf(segment).includes('repository'));
  if (first < 0) return [];
  const source = serviceSource(path);
  const file = segments[segments.length - 1]!;
  const atFeatureRoot = source !== null && source.rest.length === 2;
  const named = /^[a-z0-9]+(-[a-z0-9]+)*\.repository(\.spec|\.int-spec)?\.ts$/.test(file);
  const feature = source ? `services/${source.service}/src/${source.rest[0]}` : '';
  if (atFeatureRoot && named && featuresWithModel.has(feature)) return [];
  return [
    {
      path: segments.slice(0, first + 1).join('/'),
      rule: 'repository-place',
      message: 'a repository is services/<service>/src/<feature>/<aggregate>.repository.ts, beside the feature\'s domain/ folder',
    },
  ];
}

/**
 * (c) "domain" names the model layer only: a folder named exactly `domain`. Anything else that means an internet
 * domain says `internet-domain(s)`; any other "domain" or "domains" in a file or folder name is refused.
 */
function domainNamesTheModel(path: string): NamingViolation[] {
  if (MODEL_LAYER_FILES.has(path)) return [];
  const segments = path.split('/');
  const violations: NamingViolation[] = [];
  segments.forEach((segment, index) => {
    const isFolder = index < segments.length - 1;
    if (isFolder && segment === 'domain') return;
    const words = wordsOf(segment);
    if (!words.some((word, at) => /^domains?$/.test(word) && words[at - 1] !== 'internet')) return;
    violations.push({
      path: segments.slice(0, index + 1).join('/'),
      rule: 'domain-names-the-model',
      message: '"domain" names only the model-layer folder domain/; an internet domain is "internet-domain"',
    });
  });
  return violations;
}

/** Every violation among the given repository-relative file paths (POSIX separators). */
export function checkNames(paths: readonly string[]): NamingViolation[] {
  const featuresWithModel = new Set<string>();
  for (const path of paths) {
    const source = serviceSource(path);
    if (source && source.rest.length > 2 && source.rest[1] === 'domain') {
      featuresWithModel.add(`services/${source.service}/src/${source.rest[0]}`);
    }
  }
  const violations = paths.flatMap((path) => [
    ...useCaseFiles(path),
    ...repositoryPlace(path, featuresWithModel),
    ...domainNamesTheModel(path),
  ]);
  // A misnamed folder shows up once per file in it: report it once.
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = `${violation.rule}:${violation.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
