/** The logging surface the JetStream pieces need; a pino logger fits it as is. */
export interface JetStreamLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

function line(level: string, fields: Record<string, unknown>, message: string): string {
  return JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg: message });
}

/** Used when no logger is given: warnings and errors go to stderr as JSON lines, the rest is dropped. */
export const stderrJetStreamLogger: JetStreamLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (fields, message) => process.stderr.write(`${line('warn', fields, message)}\n`),
  error: (fields, message) => process.stderr.write(`${line('error', fields, message)}\n`),
};

export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { err: { type: error.name, message: error.message, ...(code !== undefined ? { code } : {}) } };
  }
  return { err: { message: String(error) } };
}
