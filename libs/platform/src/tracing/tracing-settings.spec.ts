import { tracingSettingsFrom, TracingSettingsError } from './tracing-settings';

describe('tracingSettingsFrom', () => {
  it('is off without an OTLP endpoint, and when the SDK is disabled', () => {
    expect(tracingSettingsFrom({})).toEqual({ enabled: false });
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'TRUE' })).toEqual({ enabled: false });
  });

  it('appends /v1/traces to the base endpoint, and takes the traces endpoint as it is', () => {
    expect(tracingSettingsFrom({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' })).toEqual({
      enabled: true,
      tracesUrl: 'http://127.0.0.1:4318/v1/traces',
      sampleRatio: 1,
      batchDelayMs: 1000,
    });
    expect(
      tracingSettingsFrom({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example/otlp/traces',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
        OTEL_BSP_SCHEDULE_DELAY: '200',
      }),
    ).toEqual({ enabled: true, tracesUrl: 'https://collector.example/otlp/traces', sampleRatio: 0.25, batchDelayMs: 200 });
  });

  it.each([
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT must be an http or https URL/],
    [{ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'grpc://127.0.0.1:4317' }, /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http or https URL/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://user:secret@127.0.0.1:4318' }, /must not carry credentials/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER_ARG: '1.5' }, /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_BSP_SCHEDULE_DELAY: 'soon' }, /OTEL_BSP_SCHEDULE_DELAY must be a number/],
  ])('refuses %j', (env, message) => {
    expect(() => tracingSettingsFrom(env)).toThrow(TracingSettingsError);
    expect(() => tracingSettingsFrom(env)).toThrow(message);
  });
});
