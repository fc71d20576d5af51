import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Settings a local run needs and nobody should have to invent: kept in .local/ (git-ignored) across runs. */
export interface LocalSettings {
  JWT_SECRET: string;
  PLATFORM_ADMIN_USERNAME: string;
  PLATFORM_ADMIN_PASSWORD: string;
}

export function loadLocalSettings(file: string): LocalSettings {
  return readLocalSettings(file).settings;
}

/** The local settings, generated and written on first use; `generated` says this call did so. */
export function readLocalSettings(file: string): { settings: LocalSettings; generated: boolean } {
  if (existsSync(file)) return { settings: JSON.parse(readFileSync(file, 'utf8')) as LocalSettings, generated: false };
  const settings: LocalSettings = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PLATFORM_ADMIN_USERNAME: 'admin@platform.local',
    // Meets the default password policy: upper, lower, digit, symbol, 8+ characters.
    PLATFORM_ADMIN_PASSWORD: `Adm1n-${randomBytes(9).toString('base64url')}!`,
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2) + '\n', { mode: 0o600 });
  return { settings, generated: true };
}
