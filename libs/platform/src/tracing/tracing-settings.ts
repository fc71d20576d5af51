/** What tracing does in this process: off, or export to an OTLP/HTTP endpoint. */
export type TracingSettings =
  | { enabled: false }
  | {
      enabled: true;
      /** Where spans are posted (OTLP over HTTP, JSON): the full `/v1/traces` URL. */
      tracesUrl: string;
      /** Share of new traces recorded (0 to 1); a request that arrives sampled stays sampled. */
      sampleRatio: number;
      /** How long finished spans wait before they are sent in one batch. */
      batchDelayMs: number;
    };

export class TracingSettingsError extends Error {}

/**
 * Reads the standard OpenTelemetry variables: tracing is on when OTEL_EXPORTER_OTLP_TRACES_ENDPOINT (the full URL) or
 * OTEL_EXPORTER_OTLP_ENDPOINT (the collector's base URL, `/v1/traces` appended) is set, and OTEL_SDK_DISABLED is not
 * `true`. OTEL_TRACES_SAMPLER_ARG is the ratio of new traces kept (default 1), OTEL_BSP_SCHEDULE_DELAY the batch delay
 * in milliseconds (default 1000). A value that cannot be used is refused with the variable's name.
 */
export function tracingSettingsFrom(env: Record<string, string | undefined>): TracingSettings {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return { enabled: false };
  const full = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  if (!full && !base) return { enabled: false };
  const tracesUrl = full ? httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', full) : `${httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', base!).replace(/\/+$/, '')}/v1/traces`;
  return {
    enabled: true,
    tracesUrl,
    sampleRatio: numberIn('OTEL_TRACES_SAMPLER_ARG', env.OTEL_TRACES_SAMPLER_ARG, 1, 0, 1),
    batchDelayMs: numberIn('OTEL_BSP_SCHEDULE_DELAY', env.OTEL_BSP_SCHEDULE_DELAY, 1000, 1, 60_000),
  };
}

function httpUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TracingSettingsError(`${name} must be an http or https URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TracingSettingsError(`${name} must be an http or https URL`);
  if (url.username || url.password) throw new TracingSettingsError(`${name} must not carry credentials in the URL (use OTEL_EXPORTER_OTLP_HEADERS)`);
  return value;
}

function numberIn(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new TracingSettingsError(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  return value;
}
