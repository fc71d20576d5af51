// `npm run lint:names`: judges the names of every file under services/ and libs/ by scripts/lint/naming-rules.ts and
// fails when one disagrees (docs/adr/0030-names.md).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkNames, type NamingViolation } from './naming-rules';

const JUDGED = ['services', 'libs'];
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', '.local']);

/** Every file below `root`'s services/ and libs/, as POSIX paths relative to `root`; build output is skipped. */
export function listFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      if (SKIPPED.has(entry.name) || entry.name.startsWith('.')) continue;
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  for (const top of JUDGED) {
    try {
      walk(top);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return files.sort();
}

export function checkTree(root: string): NamingViolation[] {
  return checkNames(listFiles(root));
}

if (require.main === module) {
  const violations = checkTree(process.cwd());
  for (const violation of violations) console.error(`${violation.path}: ${violation.message} [${violation.rule}]`);
  if (violations.length > 0) {
    console.error(`\n${violations.length} name(s) disagree with docs/adr/0030-names.md`);
    process.exitCode = 1;
  }
}
