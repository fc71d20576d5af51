import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { createLogger, loadConfig } from '@broker/platform';
import { GatewayConfig } from '../gateway.config';
import { GatewayModule } from '../gateway.module';
import { buildOpenApiDocument } from './openapi';

/**
 * Writes the gateway's OpenAPI document to a file (`npm run lint` lints it) without connecting anywhere: in Nest's
 * preview mode the module graph is scanned but no provider is instantiated, so NATS is never dialled.
 * Usage: node dist/services/gateway/src/openapi/write-openapi.js <file>
 */
async function main(file: string): Promise<void> {
  const config = loadConfig(GatewayConfig, {});
  const logger = createLogger({ service: 'gateway', level: 'error' });
  const app = await NestFactory.create(GatewayModule.register(config, logger), { preview: true, logger: false, abortOnError: false });
  app.setGlobalPrefix('api/v1');
  writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('Usage: write-openapi <file>\n');
  process.exit(2);
}
main(file).catch((error: unknown) => {
  process.stderr.write(`Cannot write the OpenAPI document: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
