import { BACKING_SERVICES } from '@broker/contracts';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { platformManifests } from './platform-manifests';

const SERVICES = ['gateway', ...BACKING_SERVICES] as const;
const files = platformManifests({ image: 'broker/platform:9.9.9', deployment: 'acme' });
const objects = files.flatMap((file) => file.objects);
const of = <T>(kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name) as T;
const secret = of<Secret>('Secret', 'broker-secrets');
const container = (service: string) => of<Deployment>('Deployment', `broker-${service}`).spec!.template.spec!.containers[0]!;
const envNames = (service: string) => (container(service).env ?? []).map((e) => e.name);

describe('platform manifests (deploy/kubernetes)', () => {
  it.each(SERVICES)('gives %s a Deployment of the image, a Service, an autoscaler and a disruption budget that all select its pods', (service) => {
    const deployment = of<Deployment>('Deployment', `broker-${service}`);
    const selector = deployment.spec!.selector.matchLabels!;
    expect(deployment.spec!.template.metadata!.labels).toEqual(selector);
    expect(container(service).image).toBe('broker/platform:9.9.9');
    expect(container(service).env).toContainEqual({ name: 'SERVICE_NAME', value: service });
    expect(of<Service>('Service', `broker-${service}`).spec!.selector).toEqual(selector);
    expect(of<PodDisruptionBudget>('PodDisruptionBudget', `broker-${service}`).spec!.selector!.matchLabels).toEqual(selector);
    const autoscaler = of<HorizontalPodAutoscaler>('HorizontalPodAutoscaler', `broker-${service}`);
    expect(autoscaler.spec!.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: `broker-${service}` });
    expect(autoscaler.spec!.minReplicas).toBe(deployment.spec!.replicas);
    expect(autoscaler.spec!.maxReplicas).toBeGreaterThan(autoscaler.spec!.minReplicas!);
    expect(deployment.spec!.template.spec!.securityContext).toMatchObject({ runAsNonRoot: true });
  });

  it.each(BACKING_SERVICES)('probes %s on the port it is told to serve its probes on: /live for liveness, /ready for readiness', (service) => {
    const c = container(service);
    const probePort = c.env!.find((e) => e.name === 'PROBE_PORT')!.value;
    expect(c.ports).toEqual([{ name: 'probes', containerPort: Number(probePort) }]);
    expect(c.livenessProbe!.httpGet).toEqual({ path: '/live', port: 'probes' });
    expect(c.readinessProbe!.httpGet).toEqual({ path: '/ready', port: 'probes' });
  });

  it('gives the token secret and the first admin to identity only, the database to backing services only, and each its own NATS login', () => {
    for (const service of SERVICES) {
      expect(envNames(service).includes('JWT_SECRET')).toBe(service === 'identity');
      expect(envNames(service).includes('DATABASE_URL')).toBe(service !== 'gateway');
      expect(container(service).env).toContainEqual({ name: 'NATS_USER', value: `acme-${service}` });
    }
  });

  it('refers only to keys the example secret has', () => {
    const keys = objects
      .flatMap((o) => (o.kind === 'Deployment' ? ((o as Deployment).spec!.template.spec!.containers[0]!.env ?? []) : []))
      .flatMap((e) => (e.valueFrom?.secretKeyRef ? [e.valueFrom.secretKeyRef.key] : []));
    expect(keys.length).toBeGreaterThan(SERVICES.length);
    for (const key of keys) expect(Object.keys(secret.stringData!)).toContain(key);
  });

  it('migrates the stores in a job with the services’ store settings, while the services only verify', () => {
    const job = of<Job>('Job', 'broker-migrate');
    const migrate = job.spec!.template.spec!.containers[0]!;
    expect(migrate.command).toEqual(['node', 'dist/scripts/migrate/migrate.js']);
    expect(migrate.image).toBe('broker/platform:9.9.9');
    expect(job.spec!.template.spec!.securityContext).toMatchObject({ runAsNonRoot: true });
    const storeSettings = (env: typeof migrate.env) => (env ?? []).filter((e) => /STORE_URL|DATABASE_URL/.test(e.name));
    for (const service of BACKING_SERVICES) expect(storeSettings(container(service).env)).toEqual(storeSettings(migrate.env));
    expect(storeSettings(migrate.env).map((e) => e.name)).toEqual(['DATABASE_URL', 'EVENT_STORE_URL', 'READ_STORE_URL']);
    expect(of<ConfigMap>('ConfigMap', 'broker-config').data!.SCHEMA_MIGRATIONS).toBe('verify');
  });

  it('probes the gateway on its own liveness and readiness, never on /health (which reports the other services)', () => {
    const gateway = container('gateway');
    expect(gateway.livenessProbe!.httpGet).toEqual({ path: '/api/v1/health/live', port: 'http' });
    expect(gateway.readinessProbe!.httpGet).toEqual({ path: '/api/v1/health/ready', port: 'http' });
    expect(gateway.startupProbe!.httpGet).toEqual({ path: '/api/v1/health/ready', port: 'http' });
  });

  it.each(SERVICES)('lets Prometheus scrape %s at /metrics on the port it serves its metrics on, never the public one', (service) => {
    const deployment = of<Deployment>('Deployment', `broker-${service}`);
    const c = container(service);
    const probePort = c.env!.find((e) => e.name === 'PROBE_PORT')!.value;
    expect(c.ports).toContainEqual({ name: 'probes', containerPort: Number(probePort) });
    expect(deployment.spec!.template.metadata!.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': probePort, 'prometheus.io/path': '/metrics' });
    // The gateway's Service publishes its HTTP port only.
    if (service === 'gateway') expect(of<Service>('Service', 'broker-gateway').spec!.ports!.map((p) => p.name)).toEqual(['http']);
  });
});
