import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { IdentityEvents, CatalogEvents, type IntegrationEventEnvelope } from '@broker/contracts';
import { eventHandlers, on } from '@broker/messaging';
import type { Projection, UnitOfWork } from '@broker/read-models';
import { mergeConsumers, serviceParts, ServiceModule, type EventConsumer } from './service-module';
import type { ConsumerDefinition } from './service-runtime';

const projection = (name: string) => ({ name }) as unknown as Projection<unknown>;

@Injectable()
class UsersConsumer implements EventConsumer {
  consumers(): ConsumerDefinition[] {
    return [];
  }
}

@ServiceModule({ projections: [projection('user-list')], consumers: [UsersConsumer], collections: [{ name: 'holders', indexes: {} }] })
class UsersModule {}

@ServiceModule({ imports: [UsersModule], projections: [projection('reseller-list')], mapper: () => null })
class RootModule {}

describe('service module', () => {
  it('gathers what the module and the modules it imports declare, and provides the consumers', () => {
    const parts = serviceParts(RootModule);
    expect(parts.projections.map((p) => p.name)).toEqual(['user-list', 'reseller-list']);
    expect(parts.consumers).toEqual([UsersConsumer]);
    expect(parts.collections).toEqual([{ name: 'holders', indexes: {} }]);
    expect(parts.mapper).toBeInstanceOf(Function);
    expect(Reflect.getMetadata('providers', UsersModule)).toEqual([UsersConsumer]);
  });

  it('runs the handlers of one durable consumer in the order given, in one unit of work', async () => {
    const seen: string[] = [];
    const handler = (label: string) => async (_envelope: unknown, uow: UnitOfWork) => {
      seen.push(`${label}:${String(uow)}`);
    };
    const merged = mergeConsumers([
      { name: 'identity', from: 'identity', handlers: eventHandlers(on(IdentityEvents.userRegistered, handler('directory'))) },
      { name: 'catalog', from: 'catalog', handlers: eventHandlers(on(CatalogEvents.licencesAssigned, handler('holders'))) },
      {
        name: 'identity',
        from: 'identity',
        handlers: eventHandlers(on(IdentityEvents.userRegistered, handler('welcome')), on(IdentityEvents.userChanged, handler('changed'))),
      },
    ]);
    expect(merged.map((c) => c.name)).toEqual(['identity', 'catalog']);
    await merged[0]!.handlers[IdentityEvents.userRegistered.type]!({} as IntegrationEventEnvelope<never>, 'uow-1' as unknown as UnitOfWork);
    expect(seen).toEqual(['directory:uow-1', 'welcome:uow-1']);
    expect(Object.keys(merged[0]!.handlers)).toEqual([IdentityEvents.userRegistered.type, IdentityEvents.userChanged.type]);
  });

  it('refuses one consumer name for two source services', () => {
    expect(() => mergeConsumers([
      { name: 'events', from: 'identity', handlers: eventHandlers() },
      { name: 'events', from: 'catalog', handlers: eventHandlers() },
    ])).toThrow('Consumer events reads identity, not catalog');
  });
});
