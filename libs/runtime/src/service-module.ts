import { Module, type ModuleMetadata, type Type } from '@nestjs/common';
import { combineEventHandlers, type IntegrationEventHandlers, type IntegrationEventMapper } from '@broker/messaging';
import type { CollectionDefinition, Projection, VersionedProjections } from '@broker/read-models';
import type { ConsumerDefinition } from './service-runtime';

/**
 * The one way to write a consumer: an injectable class of the service's module (its dependencies come from the
 * container like a use case's) that names the durable consumers it feeds and its handlers for each. Several
 * classes may feed one durable consumer (one per source service, as NATS takes one filter subject); their handlers
 * of one event type run in the order the module lists the classes, all in the message's one unit of work.
 */
export interface EventConsumer {
  consumers(): readonly ConsumerDefinition[];
}

/** What a service module declares besides its use cases (controllers and providers). */
export interface ServiceParts {
  /** Internal events to integration events; null keeps an event internal. Omit when the service publishes nothing. */
  mapper?: IntegrationEventMapper;
  /** Read models the runtime's projection runner keeps, each under a lease. */
  projections?: readonly Projection<unknown>[];
  /** Sets of projections the runtime runs at their active version, switched by a rebuild. */
  versionedProjections?: readonly VersionedProjections[];
  /** Injectable consumer classes (provided by the module too). */
  consumers?: readonly Type<EventConsumer>[];
  /** Document collections written outside projections (by consumers or use cases), created before the service starts. */
  collections?: readonly CollectionDefinition[];
}

interface DeclaredParts {
  mapper: IntegrationEventMapper | undefined;
  projections: Projection<unknown>[];
  versionedProjections: VersionedProjections[];
  consumers: Type<EventConsumer>[];
  collections: CollectionDefinition[];
}

const SERVICE_PARTS = Symbol('broker:service-parts');

/**
 * `@Module` for a service: the one place it declares its use cases, projections and consumers. A module it imports
 * may declare its own; runService starts them all.
 */
export function ServiceModule(metadata: ModuleMetadata & ServiceParts): ClassDecorator {
  const { mapper, projections, versionedProjections, consumers, collections, ...module } = metadata;
  return (target) => {
    Module({ ...module, providers: [...(module.providers ?? []), ...(consumers ?? [])] })(target);
    Reflect.defineMetadata(SERVICE_PARTS, { mapper, projections, versionedProjections, consumers, collections }, target);
  };
}

/** The parts a module and the modules it imports declare, in import order. */
export function serviceParts(module: Type<unknown>): DeclaredParts {
  const parts: DeclaredParts = { mapper: undefined, projections: [], versionedProjections: [], consumers: [], collections: [] };
  const seen = new Set<unknown>();
  const visit = (current: unknown): void => {
    if (typeof current !== 'function' || seen.has(current)) return;
    seen.add(current);
    for (const imported of (Reflect.getMetadata('imports', current) as unknown[] | undefined) ?? []) visit(imported);
    const own = Reflect.getMetadata(SERVICE_PARTS, current) as ServiceParts | undefined;
    if (!own) return;
    if (own.mapper) {
      if (parts.mapper) throw new Error('Only one module of a service declares its integration event mapper');
      parts.mapper = own.mapper;
    }
    parts.projections.push(...(own.projections ?? []));
    parts.versionedProjections.push(...(own.versionedProjections ?? []));
    parts.consumers.push(...(own.consumers ?? []));
    parts.collections.push(...(own.collections ?? []));
  };
  visit(module);
  return parts;
}

/**
 * One definition per durable consumer name: handlers of definitions with the same name run in the order given,
 * for each event type. The same name from two source services is a mistake and refused.
 */
export function mergeConsumers(definitions: readonly ConsumerDefinition[]): ConsumerDefinition[] {
  const byName = new Map<string, { from: ConsumerDefinition['from']; sets: IntegrationEventHandlers[] }>();
  for (const definition of definitions) {
    const known = byName.get(definition.name);
    if (known && known.from !== definition.from) throw new Error(`Consumer ${definition.name} reads ${known.from}, not ${definition.from}`);
    if (known) known.sets.push(definition.handlers);
    else byName.set(definition.name, { from: definition.from, sets: [definition.handlers] });
  }
  return [...byName].map(([name, { from, sets }]) => ({ name, from, handlers: sets.length === 1 ? sets[0]! : combineEventHandlers(sets) }));
}
