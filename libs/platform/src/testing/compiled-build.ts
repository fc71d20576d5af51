import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is libs/platform/src/testing/). */
export const REPOSITORY_ROOT = resolve(__dirname, '../../../..');

/**
 * For tests that run the compiled libraries in a child process (found through NODE_PATH=dist/node_modules): builds
 * them (incremental, so quick when nothing changed) and checks that `expected` (a path under dist/) was emitted.
 * Other folders may fail to typecheck while being written; tsc still emits, which is all a child needs.
 */
export function buildCompiledLibraries(expected: string): void {
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: REPOSITORY_ROOT, encoding: 'utf8', timeout: 240_000 });
  const compiled = join(REPOSITORY_ROOT, 'dist', expected);
  if (!existsSync(compiled)) {
    throw new Error(`npm run build produced no ${compiled}:\n${build.stdout}\n${build.stderr}`);
  }
}

/** Environment for a child process that requires `@broker/<lib>` from the compiled build. */
export function compiledLibrariesEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, NODE_PATH: join(REPOSITORY_ROOT, 'dist/node_modules'), ...extra };
}
