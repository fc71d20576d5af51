import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { documentRateLimits } from '../rate-limits/rate-limits.openapi';
import { documentContractErrors } from './contract-errors.openapi';
import { documentErrorAnswers, documentProblemBodies } from './error-answers.openapi';
import { documentIdempotencyKey } from './idempotency-key.openapi';
import { operationIdOf } from './operation-ids';

/** The gateway's OpenAPI document, from its controllers' decorators and the post-processors that add what applies to every route. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Cloud service broker API')
    .setDescription(
      "Resellers, their customer organizations and self-service: users, e-store, approvals, billing. Money: decimal strings in the reseller's currency with its number of decimals (two for most, none for JPY, three for KWD). Input: text must not hold NUL or lone surrogates, names no control or bidirectional control characters; JSON nested deeper than 32 levels, __proto__/constructor/prototype keys, a body on a route that takes none and unknown query parameters answer 400.",
    )
    .setVersion('1')
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    // Paths carry the /api/v1 prefix: the server is this gateway's origin.
    .addServer('/', 'This gateway')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
  // The contracts' codes after the generic answers (their descriptions get the codes); the problem bodies last: they
  // also go on the answers the other steps add.
  return documentProblemBodies(documentRateLimits(documentContractErrors(documentErrorAnswers(documentIdempotencyKey(document)))));
}

/** Serves the OpenAPI document at /api/docs (UI) and /api/docs-json (api-v1.md). */
export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
}
