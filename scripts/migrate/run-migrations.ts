import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BACKING_SERVICES } from '@broker/contracts';

export interface RunMigrationsOptions {
  /** The project's root (dist/ below it). */
  root: string;
  env: NodeJS.ProcessEnv;
  /** One line per service as it finishes. */
  report?: (line: string) => void;
}

/**
 * Runs `<service>/main.js migrate` for every backing service at once and waits for all. Each prints one line;
 * a failure of any names the service and its error, after the others finished (none is stopped halfway).
 */
export async function runMigrations(options: RunMigrationsOptions): Promise<void> {
  const report = options.report ?? ((line: string) => console.log(line));
  const failures: string[] = [];
  await Promise.all(
    BACKING_SERVICES.map(
      (service) =>
        new Promise<void>((resolve) => {
          const child = spawn(process.execPath, [join(options.root, 'dist/services', service, 'src/main.js'), 'migrate'], {
            env: { ...options.env, SERVICE_NAME: service },
            stdio: ['ignore', 'pipe', 'pipe'],
          });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.on('error', (error) => {
            failures.push(`${service}: ${error.message}`);
            resolve();
          });
          child.on('close', (code) => {
            const text = output.trim();
            if (code === 0) report(`  ${text || `${service}: migrated`}`);
            else failures.push(text || `${service}: migration exited with code ${code}`);
            resolve();
          });
        }),
    ),
  );
  if (failures.length > 0) throw new Error(`Migrations failed:\n${failures.join('\n')}`);
}
