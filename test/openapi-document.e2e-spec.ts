import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort } from '@broker/platform/testing';
import { openApiFindings, type OpenApiDocument } from './support/openapi-rules';
import { PlatformProcess } from './support/platform-process';

jest.setTimeout(120_000);

const PUBLIC_OPERATIONS = ['getHealth', 'getGatewayLiveness', 'getGatewayReadiness', 'login', 'refreshTokens'];

/**
 * The OpenAPI document as a running gateway serves it (only the gateway runs: the document needs no other service),
 * checked route by route, and the same as the one `npm run lint` writes offline and lints.
 */
describe('OpenAPI document (end to end)', () => {
  const platform = new PlatformProcess();
  let served: OpenApiDocument;

  beforeAll(async () => {
    platform.port = await freeLoopbackPort();
    mkdirSync(join(__dirname, '..', '.local', 'e2e-logs', platform.deployment), { recursive: true });
    platform.startService('gateway');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await fetch(`http://127.0.0.1:${platform.port}/api/docs-json`).catch(() => undefined);
      if (answer?.status === 200) {
        served = (await answer.json()) as OpenApiDocument;
        break;
      }
      if (Date.now() > deadline) throw new Error(`The gateway did not serve its OpenAPI document:\n${platform.logs('gateway').slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });

  afterAll(async () => {
    await platform.stop();
  });

  it('documents on every operation a readable unique id, a 2xx with a schema, 400, 401 unless public, 404 on path parameters, 429 and 503 with Retry-After, and problem+json on every error', () => {
    expect(openApiFindings(served, PUBLIC_OPERATIONS)).toEqual([]);
    const operations = Object.values(served.paths).flatMap((path) => Object.values(path));
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((operation) => operation.operationId)).toEqual(expect.arrayContaining(['createOrganizationUser', 'listOrganizationUsers', ...PUBLIC_OPERATIONS]));
  });

  it('names the roles in the 403 of a route limited to them, and keeps the marks it learns them from out of the document', () => {
    const list = served.paths['/api/v1/resellers']!.get!;
    expect(list.responses['403']!.description).toContain('platform_admin');
    expect(JSON.stringify(served)).not.toMatch(/x-broker-/);
    expect(served.paths['/api/v1/me']!.get!.responses['403']).toBeUndefined();
  });

  it("names each error code of a route's contracts in the answer of its status: 409, 412 and 422 wherever a route can answer them", () => {
    const createUser = served.paths['/api/v1/organizations/{orgId}/users']!.post!;
    expect(createUser['x-error-codes']).toEqual(expect.arrayContaining(['USER.DUPLICATE_USERNAME', 'IDEMPOTENCY.KEY_REUSED']));
    expect(createUser.responses['409']!.description).toContain('`USER.DUPLICATE_USERNAME`');
    expect(createUser.responses['422']!.description).toContain('`IDEMPOTENCY.KEY_REUSED`');
    expect(served.paths['/api/v1/organizations/{orgId}/settings']!.put!.responses['412']!.description).toContain('`ORGANIZATION_SETTINGS.VERSION_MISMATCH`');
    for (const [route, path] of Object.entries(served.paths)) {
      for (const [method, operation] of Object.entries(path)) {
        const takesKey = (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'Idempotency-Key');
        const takesIfMatch = (operation.parameters ?? []).some((parameter) => parameter.in === 'header' && parameter.name === 'If-Match');
        if (takesKey) expect(`${method} ${route}: ${operation.responses['422']?.description}`).toContain('IDEMPOTENCY.KEY_REUSED');
        if (takesIfMatch) expect(`${method} ${route}: ${operation.responses['412']?.description}`).toContain('VERSION_MISMATCH');
      }
    }
  });

  it("documents on GET /health each service's replicas, what each leads, and the leader of each lease", () => {
    type Schema = { properties: Record<string, { items?: { $ref?: string } }>; required?: string[] };
    const schemas = served.components!.schemas as Record<string, Schema>;
    const service = schemas.ServiceHealthResponse!;
    expect(service.required).toEqual(expect.arrayContaining(['status', 'replicas', 'leaders']));
    expect(service.properties.replicas!.items!.$ref).toBe('#/components/schemas/ReplicaHealthResponse');
    expect(Object.keys(schemas.ReplicaHealthResponse!.properties)).toEqual(expect.arrayContaining(['instance', 'status', 'checks', 'startedAt', 'leads']));
    expect(schemas.ReplicaLeadershipResponse!.required).toEqual(expect.arrayContaining(['projections', 'outbox', 'leases']));
  });

  it('is the document npm run lint writes without a running gateway', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      execFileSync(process.execPath, [join(__dirname, '..', 'dist/services/gateway/src/openapi/write-openapi.js'), file], { timeout: 30_000 });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(served);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
