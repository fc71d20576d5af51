import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { ConfigError, type ConfigProblem } from './config.errors';

export type Environment = Record<string, string | undefined>;
type ConfigClass<T> = new () => T;

/** Variables whose values must never be echoed back in an error message. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE|_KEY$|CREDENTIAL/i;

/**
 * Builds a `ConfigClass` from environment variables and validates it with its class-validator rules.
 * Defaults are the class's property initialisers; an unset or empty variable keeps the default. Values of
 * properties declared `number` or `boolean` are converted (`true/false/1/0/yes/no`); a value that does not
 * convert is left as the string so the validation reports it. Throws `ConfigError` naming every bad variable.
 */
export function loadConfig<T extends object>(configClass: ConfigClass<T>, env: Environment = process.env): T {
  const defaults = new configClass() as Record<string, unknown>;
  const plain: Record<string, unknown> = {};
  for (const name of configProperties(configClass)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    plain[name] = convert(raw.trim(), propertyType(configClass, name, defaults[name]));
  }
  const config = plainToInstance(configClass, plain);
  const errors = validateSync(config, { forbidUnknownValues: false, validationError: { target: false } });
  if (errors.length > 0) {
    throw new ConfigError(errors.map((error) => describe(error, env)));
  }
  return config;
}

/**
 * Runs `fn` (usually the config loading of `main.ts`); on a `ConfigError` prints its message to stderr and exits
 * the process with code 1 instead of crashing with a stack trace. Other errors are rethrown.
 */
export function exitOnConfigError<R>(fn: () => R, exit: (code: number) => never = process.exit): R {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return exit(1);
    }
    throw error;
  }
}

/** `loadConfig` for `main.ts`: prints the problems and exits 1 when the environment is invalid. */
export function loadConfigOrExit<T extends object>(configClass: ConfigClass<T>, env: Environment = process.env): T {
  return exitOnConfigError(() => loadConfig(configClass, env));
}

function configProperties(configClass: ConfigClass<object>): Set<string> {
  const names = new Set<string>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(configClass, '', true, false)) {
    names.add(meta.propertyName);
  }
  return names;
}

/** The declared type when the compiler recorded one, otherwise the type of the default value. */
function propertyType(configClass: ConfigClass<object>, name: string, defaultValue: unknown): 'number' | 'boolean' | 'other' {
  const declared: unknown = Reflect.getMetadata('design:type', configClass.prototype, name);
  if (declared === Number || typeof defaultValue === 'number') return 'number';
  if (declared === Boolean || typeof defaultValue === 'boolean') return 'boolean';
  return 'other';
}

function convert(raw: string, type: 'number' | 'boolean' | 'other'): unknown {
  if (type === 'number') {
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  if (type === 'boolean') {
    const lower = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    return raw;
  }
  return raw;
}

/** A URL's user and password never reach an error message: `postgres://app:secret@db/x` shows as `postgres://***@db/x`. */
export function withoutUserInfo(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/i, '$1***@');
}

function describe(error: ValidationError, env: Environment): ConfigProblem {
  const variable = error.property;
  const reasons = [...new Set(Object.values(error.constraints ?? {}))];
  const raw = env[variable];
  const unset = raw === undefined || raw.trim() === '';
  const got = unset ? 'not set' : SECRET_NAME.test(variable) ? 'got a hidden value' : `got ${JSON.stringify(withoutUserInfo(raw))}`;
  const reason = reasons.length > 0 ? reasons.join('; ') : `${variable} is invalid`;
  return { variable, message: `${reason} (${got})` };
}
