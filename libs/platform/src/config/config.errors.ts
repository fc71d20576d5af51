/** One environment variable that is missing or invalid. */
export interface ConfigProblem {
  variable: string;
  /** Human-readable reason, starting with the variable name. */
  message: string;
}

/** The environment does not describe a valid configuration. Code: CONFIG.INVALID. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}
