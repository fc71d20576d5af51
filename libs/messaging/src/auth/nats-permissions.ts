import {
  ActorAssertionRpc,
  BACKING_SERVICES,
  deploymentNames,
  InternetDomainUsageRpc,
  OrganizationLookupRpc,
  OrganizationUserRpc,
  QuoteRpc,
  ResellerRpc,
  SubscriptionRpc,
  type ServiceName,
} from '@broker/contracts';

/**
 * The RPC patterns each backing service calls on the others. A service may publish to exactly these (and to its
 * replies); a call missing here is refused by the NATS server with a permissions violation.
 */
export const RPC_CALLS: Readonly<Record<Exclude<ServiceName, 'gateway'>, readonly string[]>> = {
  identity: [OrganizationLookupRpc.lookup.subject],
  organizations: [InternetDomainUsageRpc.usersInInternetDomain.subject, SubscriptionRpc.get.subject, ActorAssertionRpc.publicKey.subject],
  catalog: [OrganizationLookupRpc.lookup.subject, ResellerRpc.get.subject, OrganizationUserRpc.get.subject, ActorAssertionRpc.publicKey.subject],
  approvals: [QuoteRpc.quote.subject, OrganizationLookupRpc.lookup.subject, OrganizationUserRpc.get.subject, ActorAssertionRpc.publicKey.subject],
  billing: [OrganizationLookupRpc.lookup.subject, ActorAssertionRpc.publicKey.subject],
  notifications: [ActorAssertionRpc.publicKey.subject],
};

export interface NatsPermissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  /** Lets a service answer the requests it receives (one reply to each reply subject, for a short time). */
  allow_responses?: boolean;
}

/** Password of a NATS user: the value itself, or the name of an environment variable the server reads it from. */
export type NatsPassword = string | { env: string };

/** The NATS user a service of a deployment connects as. */
export function natsUserName(deployment: string, service: ServiceName): string {
  return `${deployment}-${service}`;
}

/**
 * Where a service's connections receive replies (the `inboxPrefix` option of nats.js): `_INBOX_<deployment>_<service>`,
 * so each user may subscribe to its own replies only and no service reads the answers meant for another (tokens,
 * assertions).
 */
export function natsInboxPrefix(deployment: string, service: ServiceName): string {
  return `_INBOX_${deployment}_${service}`;
}

/** The variable `deploy/nats-authorization.conf` reads a service's password from: `NATS_PASSWORD_CATALOG`. */
export function natsPasswordVariable(service: ServiceName): string {
  return `NATS_PASSWORD_${service.toUpperCase()}`;
}

/**
 * What one service may publish and subscribe. A backing service: its own RPC subjects
 * (`<deployment>.rpc.<service>.>`, answered through `allow_responses`), the patterns it calls (RPC_CALLS), replies
 * under its own inbox prefix (natsInboxPrefix), its own integration events (`<deployment>.events.<service>.>`) and the JetStream API of the
 * deployment's event stream (stream info, create and update; consumers; acks). The gateway: requests to every
 * service of the deployment and its idempotency key-value bucket, replies under its inbox prefix. Identity also
 * writes the access-revocation bucket, which the gateway only watches.
 */
export function natsPermissions(deployment: string, service: ServiceName): NatsPermissions {
  const names = deploymentNames(deployment);
  const jsApi = '$JS.API';
  const revocations = `KV_${names.accessRevocationBucket}`;
  if (service === 'gateway') {
    const bucket = names.idempotencyBucket;
    const stream = `KV_${bucket}`;
    return {
      publish: {
        allow: [
          `${names.rpcPrefix}>`,
          `${jsApi}.INFO`,
          `${jsApi}.STREAM.INFO.${stream}`,
          `${jsApi}.STREAM.CREATE.${stream}`,
          `${jsApi}.STREAM.UPDATE.${stream}`,
          `${jsApi}.STREAM.MSG.GET.${stream}`,
          `${jsApi}.DIRECT.GET.${stream}.>`,
          `$KV.${bucket}.>`,
          // Rate-limit counts shared between the gateway replicas (ADR 0020).
          names.rateLimitSubject,
          // Follows the access revocations identity writes (ADR 0035): bind, and watch with an ordered consumer.
          `${jsApi}.STREAM.INFO.${revocations}`,
          `${jsApi}.CONSUMER.CREATE.${revocations}`,
          `${jsApi}.CONSUMER.CREATE.${revocations}.>`,
          `${jsApi}.CONSUMER.DELETE.${revocations}.>`,
          `${jsApi}.CONSUMER.INFO.${revocations}.>`,
          `$JS.FC.${revocations}.>`,
        ],
      },
      subscribe: { allow: [`${natsInboxPrefix(deployment, service)}.>`, names.rateLimitSubject] },
    };
  }
  const stream = names.eventStream;
  return {
    publish: {
      allow: [
        ...RPC_CALLS[service].map((pattern) => `${names.rpcPrefix}${pattern}`),
        names.eventSubjectsOf(service),
        `${jsApi}.INFO`,
        `${jsApi}.STREAM.INFO.${stream}`,
        `${jsApi}.STREAM.CREATE.${stream}`,
        `${jsApi}.STREAM.UPDATE.${stream}`,
        `${jsApi}.CONSUMER.*.${stream}.>`,
        `${jsApi}.CONSUMER.DURABLE.CREATE.${stream}.*`,
        `${jsApi}.CONSUMER.MSG.NEXT.${stream}.*`,
        `$JS.ACK.${stream}.>`,
        // Identity alone writes the access revocations (ADR 0035): make the bucket, read and compare-and-set entries.
        ...(service === 'identity'
          ? [
              `${jsApi}.STREAM.INFO.${revocations}`,
              `${jsApi}.STREAM.CREATE.${revocations}`,
              `${jsApi}.STREAM.MSG.GET.${revocations}`,
              `${jsApi}.DIRECT.GET.${revocations}.>`,
              `$KV.${names.accessRevocationBucket}.>`,
            ]
          : []),
      ],
    },
    subscribe: { allow: [`${names.rpcPrefix}${service}.>`, `${natsInboxPrefix(deployment, service)}.>`] },
    allow_responses: true,
  };
}

/**
 * The `authorization { users = [...] }` block of nats-server.conf for one deployment: one user per service, with
 * natsPermissions. The one source of the server's permissions: `npm start`, deploy/nats-authorization.conf and the
 * tests all render it here.
 */
export function natsAuthorizationConfig(deployment: string, passwords: Readonly<Record<ServiceName, NatsPassword>>): string {
  const services: ServiceName[] = ['gateway', ...BACKING_SERVICES];
  const users = services.map((service) => {
    const permissions = natsPermissions(deployment, service);
    const password = passwords[service];
    const passwordValue = typeof password === 'string' ? quoted(password) : `$${password.env}`;
    const lines = [
      `    {`,
      `      user: ${quoted(natsUserName(deployment, service))}`,
      `      password: ${passwordValue}`,
      `      permissions: {`,
      `        publish: { allow: ${list(permissions.publish.allow)} }`,
      `        subscribe: { allow: ${list(permissions.subscribe.allow)} }`,
      ...(permissions.allow_responses ? ['        allow_responses: true'] : []),
      `      }`,
      `    }`,
    ];
    return lines.join('\n');
  });
  return ['authorization {', '  users = [', users.join('\n'), '  ]', '}', ''].join('\n');
}

function quoted(value: string): string {
  if (!/^[\x20-\x7e]*$/.test(value)) throw new Error('NATS users and passwords must be printable ASCII');
  return JSON.stringify(value);
}

function list(subjects: readonly string[]): string {
  return `[${subjects.map(quoted).join(', ')}]`;
}
