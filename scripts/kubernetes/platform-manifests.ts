import { BACKING_SERVICES, type ServiceName } from '@broker/contracts';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Container, EnvVar, Probe, Secret, Service } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';

export type KubernetesObject = Deployment | Service | HorizontalPodAutoscaler | PodDisruptionBudget | ConfigMap | Secret | Job;

/** One file of deploy/kubernetes/ and the objects in it, in order. */
export interface ManifestFile {
  file: string;
  objects: KubernetesObject[];
}

export interface PlatformManifestOptions {
  /** The image every service runs (deploy/Dockerfile). */
  image: string;
  /** The deployment name: NATS subjects, streams and database schemas derive from it (DEPLOYMENT_NAME). */
  deployment: string;
}

const CONFIG = 'broker-config';
const SECRETS = 'broker-secrets';
const PROBE_PORT = 8081;
const GATEWAY_PORT = 3000;
/** Replicas at least, at most: each service scales on its own (queue groups share requests; leases keep single work). */
const SCALE: Record<ServiceName, { min: number; max: number }> = {
  gateway: { min: 2, max: 10 },
  identity: { min: 2, max: 6 },
  organizations: { min: 2, max: 6 },
  catalog: { min: 2, max: 8 },
  approvals: { min: 2, max: 8 },
  billing: { min: 2, max: 6 },
  notifications: { min: 2, max: 4 },
};

const labels = (service: ServiceName) => ({
  'app.kubernetes.io/name': `broker-${service}`,
  'app.kubernetes.io/component': service,
  'app.kubernetes.io/part-of': 'cloud-broker',
});

const fromSecret = (name: string, key = name): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: SECRETS, key } } });
/** Where the stores are: URLs may carry credentials, so they are secrets; unset, a store stays in PostgreSQL. */
const storeEnv = (): EnvVar[] => [
  fromSecret('DATABASE_URL'),
  ...['EVENT_STORE_URL', 'READ_STORE_URL'].map((name): EnvVar => ({ name, valueFrom: { secretKeyRef: { name: SECRETS, key: name, optional: true } } })),
];
const podSecurity = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } };
const containerSecurity = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

/** What a service reads beyond the shared ConfigMap: its NATS login, and the secrets only it may hold. */
function serviceEnv(service: ServiceName, deployment: string): EnvVar[] {
  const env: EnvVar[] = [
    { name: 'SERVICE_NAME', value: service },
    { name: 'NATS_USER', value: `${deployment}-${service}` },
    fromSecret('NATS_PASSWORD', `NATS_PASSWORD_${service.toUpperCase()}`),
  ];
  // Every process serves its metrics (and, but for the gateway, its probes) on PROBE_PORT, never on the public port.
  if (service === 'gateway') return [...env, { name: 'PORT', value: String(GATEWAY_PORT) }, { name: 'PROBE_PORT', value: String(PROBE_PORT) }];
  env.push(...storeEnv(), { name: 'PROBE_PORT', value: String(PROBE_PORT) });
  // Only identity holds the token secret, from which the actor assertion key derives (docs/adr/0019).
  if (service === 'identity') env.push(fromSecret('JWT_SECRET'), fromSecret('PLATFORM_ADMIN_USERNAME'), fromSecret('PLATFORM_ADMIN_PASSWORD'));
  if (service === 'notifications') env.push(fromSecret('SMTP_URL'));
  return env;
}

/**
 * Backing services: live while the process serves, ready while their stores and NATS answer (an outage makes them
 * not ready, never restarted). The gateway: live while it serves HTTP, ready while its NATS connection is up
 * (`/health/live`, `/health/ready`); never `/health`, which reports the other services, and one of them down is no
 * reason to take every gateway out.
 */
function probes(service: ServiceName): Pick<Container, 'livenessProbe' | 'readinessProbe' | 'startupProbe'> {
  const [port, prefix] = service === 'gateway' ? ['http', '/api/v1/health'] : ['probes', ''];
  const get = (path: string): Probe => ({ httpGet: { path: `${prefix}${path}`, port }, periodSeconds: 10, timeoutSeconds: 3 });
  return {
    startupProbe: { ...get('/ready'), periodSeconds: 2, failureThreshold: 90 },
    livenessProbe: { ...get('/live'), failureThreshold: 3 },
    readinessProbe: { ...get('/ready'), failureThreshold: 2 },
  };
}

/** Prometheus finds every pod's metrics through these (the common scrape configuration reads them). */
const scrapeAnnotations = { 'prometheus.io/scrape': 'true', 'prometheus.io/port': String(PROBE_PORT), 'prometheus.io/path': '/metrics' };

function deploymentOf(service: ServiceName, options: PlatformManifestOptions): Deployment {
  const probesPort = { name: 'probes', containerPort: PROBE_PORT };
  const ports = service === 'gateway' ? [{ name: 'http', containerPort: GATEWAY_PORT }, probesPort] : [probesPort];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `broker-${service}`, labels: labels(service) },
    spec: {
      replicas: SCALE[service].min,
      selector: { matchLabels: labels(service) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: { labels: labels(service), annotations: scrapeAnnotations },
        spec: {
          // The service shuts down within 15 s of SIGTERM (in-flight batches finished, leases released).
          terminationGracePeriodSeconds: 30,
          securityContext: podSecurity,
          containers: [
            {
              name: service,
              image: options.image,
              ports,
              envFrom: [{ configMapRef: { name: CONFIG } }],
              env: serviceEnv(service, options.deployment),
              resources: { requests: { cpu: '100m', memory: '160Mi' }, limits: { memory: '512Mi' } },
              securityContext: containerSecurity,
              ...probes(service),
            },
          ],
        },
      },
    },
  };
}

function serviceOf(service: ServiceName): Service {
  const port = service === 'gateway' ? { name: 'http', port: 80, targetPort: 'http' } : { name: 'probes', port: PROBE_PORT, targetPort: 'probes' };
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: `broker-${service}`, labels: labels(service) }, spec: { selector: labels(service), ports: [port] } };
}

function autoscalerOf(service: ServiceName): HorizontalPodAutoscaler {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `broker-${service}`, labels: labels(service) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: `broker-${service}` },
      minReplicas: SCALE[service].min,
      maxReplicas: SCALE[service].max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    },
  };
}

function disruptionBudgetOf(service: ServiceName): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: `broker-${service}`, labels: labels(service) },
    spec: { minAvailable: 1, selector: { matchLabels: labels(service) } },
  };
}

/**
 * The migrations of every service's stores, run once per release before (or while) the new pods start: the
 * services run with SCHEMA_MIGRATIONS=verify and wait (restarted by the cluster) until it has finished. Give it
 * a database user that may create tables, and MIGRATE_GRANT_TO the role the services log in as.
 */
function migrationJob(options: PlatformManifestOptions): Job {
  const jobLabels = { 'app.kubernetes.io/name': 'broker-migrate', 'app.kubernetes.io/component': 'migrate', 'app.kubernetes.io/part-of': 'cloud-broker' };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'broker-migrate', labels: jobLabels },
    spec: {
      backoffLimit: 6,
      ttlSecondsAfterFinished: 86_400,
      template: {
        metadata: { labels: jobLabels },
        spec: {
          restartPolicy: 'OnFailure',
          securityContext: podSecurity,
          containers: [
            {
              name: 'migrate',
              image: options.image,
              command: ['node', 'dist/scripts/migrate/migrate.js'],
              envFrom: [{ configMapRef: { name: CONFIG } }],
              env: [...storeEnv(), { name: 'MIGRATE_GRANT_TO', valueFrom: { secretKeyRef: { name: SECRETS, key: 'MIGRATE_GRANT_TO', optional: true } } }],
              resources: { requests: { cpu: '100m', memory: '160Mi' }, limits: { memory: '512Mi' } },
              securityContext: containerSecurity,
            },
          ],
        },
      },
    },
  };
}

/** The platform's Kubernetes manifests: shared settings, an example of the secrets, and four objects per service. */
export function platformManifests(options: PlatformManifestOptions): ManifestFile[] {
  const config: ConfigMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG, labels: { 'app.kubernetes.io/part-of': 'cloud-broker' } },
    data: {
      DEPLOYMENT_NAME: options.deployment,
      NATS_URL: 'nats://nats:4222',
      LOG_LEVEL: 'info',
      SCHEMA_MIGRATIONS: 'verify',
      PUBLIC_URL: 'https://broker.example.com',
      TRUSTED_PROXIES: 'uniquelocal',
    },
  };
  const secrets: Secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: SECRETS, labels: { 'app.kubernetes.io/part-of': 'cloud-broker' } },
    type: 'Opaque',
    stringData: {
      DATABASE_URL: 'postgres://broker:replace-me@postgres:5432/broker',
      EVENT_STORE_URL: 'kurrentdb://kurrentdb:2113?tls=false',
      READ_STORE_URL: 'mongodb://broker:replace-me@mongodb:27017/?replicaSet=rs0&authSource=admin',
      JWT_SECRET: 'replace-with-a-long-random-secret-of-at-least-32-characters',
      PLATFORM_ADMIN_USERNAME: 'admin@platform.example.com',
      PLATFORM_ADMIN_PASSWORD: 'replace-with-a-strong-password',
      SMTP_URL: 'smtp://smtp-relay:587',
      ...Object.fromEntries((['gateway', ...BACKING_SERVICES] as const).map((service) => [`NATS_PASSWORD_${service.toUpperCase()}`, `replace-me-${service}`])),
    },
  };
  return [
    { file: 'config.yaml', objects: [config] },
    { file: 'secrets.example.yaml', objects: [secrets] },
    { file: 'migrate.yaml', objects: [migrationJob(options)] },
    ...(['gateway', ...BACKING_SERVICES] as const).map((service) => ({
      file: `${service}.yaml`,
      objects: [deploymentOf(service, options), serviceOf(service), autoscalerOf(service), disruptionBudgetOf(service)],
    })),
  ];
}
