import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';

/** Processes per backing service (1 for those not named). */
export type Scale = Record<Exclude<ServiceName, 'gateway'>, number>;

const MAX_REPLICAS = 8;

/**
 * `SCALE=approvals=2,catalog=2`: how many processes of each backing service `npm start` runs. The gateway is not
 * scaled here (its replicas would each need a port of their own and a load balancer in front of them).
 */
export function parseScale(text: string | undefined): Scale {
  const scale = Object.fromEntries(BACKING_SERVICES.map((service) => [service, 1])) as Scale;
  if (text === undefined || text.trim() === '') return scale;
  for (const part of text.split(',')) {
    const match = /^\s*([a-z]+)\s*=\s*(\d+)\s*$/.exec(part);
    if (!match) throw new Error(`SCALE: "${part.trim()}" is not <service>=<processes> (for example SCALE=approvals=2,catalog=2)`);
    const [, service, count] = match as unknown as [string, string, string];
    if (service === 'gateway') throw new Error('SCALE: the gateway runs one process under npm start (replicas of it need a load balancer in front)');
    if (!(BACKING_SERVICES as readonly string[]).includes(service)) throw new Error(`SCALE: unknown service "${service}"; known: ${BACKING_SERVICES.join(', ')}`);
    const processes = Number(count);
    if (processes < 1 || processes > MAX_REPLICAS) throw new Error(`SCALE: ${service} must run between 1 and ${MAX_REPLICAS} processes, not ${count}`);
    scale[service as keyof Scale] = processes;
  }
  return scale;
}

/** The processes to start: each service once, or `<service>-<n>` for each of its replicas. */
export function processNames(scale: Scale): { service: ServiceName; name: string }[] {
  return (['gateway', ...BACKING_SERVICES] as ServiceName[]).flatMap((service) => {
    const count = service === 'gateway' ? 1 : scale[service as keyof Scale];
    return Array.from({ length: count }, (_, i) => ({ service, name: count === 1 ? service : `${service}-${i + 1}` }));
  });
}
