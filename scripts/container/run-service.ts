// The container image's entry point: runs the service that SERVICE_NAME names (one image for all seven).
import { join } from 'node:path';
import { BACKING_SERVICES } from '@broker/contracts';

const services: readonly string[] = ['gateway', ...BACKING_SERVICES];
const service = process.env.SERVICE_NAME ?? '';
if (!services.includes(service)) {
  console.error(`SERVICE_NAME must name one of ${services.join(', ')}; it is ${service ? `"${service}"` : 'not set'}`);
  process.exit(2);
}
import(join(__dirname, '..', '..', 'services', service, 'src', 'main.js')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
