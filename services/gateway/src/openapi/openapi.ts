import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { documentRateLimits } from '../rate-limits/rate-limits.openapi';
import { documentIdempotencyKey } from './idempotency-key.openapi';

/** Serves the OpenAPI document at /api/docs (UI) and /api/docs-json (api-v1.md). */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Cloud service broker API')
    .setDescription(
      "Resellers, their customer organizations and self-service: users, e-store, approvals, billing. Money: decimal strings in the reseller's currency with its number of decimals (two for most, none for JPY, three for KWD). Input: text must not hold NUL or lone surrogates, names no control or bidirectional control characters; JSON nested deeper than 32 levels, __proto__/constructor/prototype keys, a body on a route that takes none and unknown query parameters answer 400.",
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = documentRateLimits(documentIdempotencyKey(SwaggerModule.createDocument(app, config)));
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
