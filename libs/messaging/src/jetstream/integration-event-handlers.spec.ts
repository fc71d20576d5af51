import { event, type EventDataOf, type IntegrationEventEnvelope } from '@broker/contracts';
import type { RecordedEvent } from '@broker/event-sourcing';
import type { UnitOfWork } from '@broker/read-models';
import { envelopeFromEvent } from './integration-event-codec';
import { combineEventHandlers, eventHandlers, on, type IntegrationEventHandlers } from './integration-event-handlers';

// The compiler is the test here: `npx tsc -p tsconfig.json --noEmit` fails when a `@ts-expect-error` below stops
// being an error, i.e. when a publisher or a handler that does not fit its event's contract compiles. Jest checks
// what runs.

interface GreetedV1 {
  name: string;
}
interface CountedV1 {
  count: number;
}

const TestEvents = {
  greeted: event<GreetedV1>('test.greeted.v1'),
  counted: event<CountedV1>('test.counted.v1'),
} as const;

/** Never run: only compiled. */
export function publishingCheckedByTheCompiler(recorded: RecordedEvent, counted: CountedV1): void {
  const envelope: IntegrationEventEnvelope<GreetedV1> = envelopeFromEvent(recorded, TestEvents.greeted, { name: 'Ada' });
  // @ts-expect-error the payload misses the contract's `name`
  envelopeFromEvent(recorded, TestEvents.greeted, { count: 1 });
  // @ts-expect-error a field the payload does not have
  envelopeFromEvent(recorded, TestEvents.greeted, { name: 'Ada', admin: true });
  // @ts-expect-error a payload of another event
  envelopeFromEvent(recorded, TestEvents.greeted, counted);
  // @ts-expect-error a type string is no contract
  envelopeFromEvent(recorded, 'test.greeted.v1', { name: 'Ada' }); // eslint-disable-line no-restricted-syntax -- on purpose
  // @ts-expect-error the envelope carries the contract's payload, not another
  const wrong: IntegrationEventEnvelope<CountedV1> = envelopeFromEvent(recorded, TestEvents.greeted, { name: 'Ada' });
  void envelope;
  void wrong;
}

/** Never run: only compiled. */
export function handlersCheckedByTheCompiler(): IntegrationEventHandlers[] {
  const typed = eventHandlers(
    on(TestEvents.greeted, async (envelope) => void envelope.data.name.toUpperCase()),
    on(TestEvents.counted, async (envelope: IntegrationEventEnvelope<CountedV1>, _uow: UnitOfWork) => void envelope.data.count),
    // A handler may read less than the event carries.
    on(TestEvents.counted, async (envelope: IntegrationEventEnvelope<object>) => void envelope.id),
  );
  // @ts-expect-error the handler names another event's payload
  const wrongPayload = eventHandlers(on(TestEvents.greeted, async (envelope: IntegrationEventEnvelope<CountedV1>) => void envelope.data.count));
  // @ts-expect-error the contract's payload has no `count`
  const wrongField = eventHandlers(on(TestEvents.greeted, async (envelope) => void envelope.data.count));
  // @ts-expect-error a type string is no contract
  const rawType = eventHandlers(on('test.greeted.v1', async () => undefined)); // eslint-disable-line no-restricted-syntax -- on purpose
  // @ts-expect-error a handler map is built from contracts, not written by hand
  const literal: IntegrationEventHandlers = { 'test.greeted.v1': async () => undefined };
  return [typed, wrongPayload, wrongField, rawType, literal];
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const dataIsGreeted: Same<EventDataOf<typeof TestEvents.greeted>, GreetedV1> = true;

const envelopeOf = <TData>(type: string, data: TData): IntegrationEventEnvelope<never> =>
  ({ id: 'm-1', type, occurredAt: 't', correlationId: 'c', causationId: 'c', resellerId: null, organizationId: null, data }) as IntegrationEventEnvelope<never>;
const uow = {} as UnitOfWork;

describe('integration event contracts', () => {
  it('keep the type string, and nothing else, at run time', () => {
    expect(TestEvents.greeted).toEqual({ type: 'test.greeted.v1' });
    expect(Object.isFrozen(TestEvents.greeted)).toBe(true);
    expect(dataIsGreeted).toBe(true);
  });

  it('build a handler map keyed by type string, as the consumer looks handlers up', async () => {
    const seen: string[] = [];
    const handlers = eventHandlers(
      on(TestEvents.greeted, async (envelope) => void seen.push(`hello ${envelope.data.name}`)),
      on(TestEvents.counted, async (envelope) => void seen.push(`count ${envelope.data.count}`)),
    );
    expect(Object.keys(handlers)).toEqual(['test.greeted.v1', 'test.counted.v1']);
    await handlers['test.greeted.v1']!(envelopeOf('test.greeted.v1', { name: 'Ada' }), uow);
    await handlers['test.counted.v1']!(envelopeOf('test.counted.v1', { count: 2 }), uow);
    expect(seen).toEqual(['hello Ada', 'count 2']);
  });

  it('refuse two handlers for one event in one map', () => {
    const handle = async (): Promise<void> => undefined;
    expect(() => eventHandlers(on(TestEvents.greeted, handle), on(TestEvents.greeted, handle))).toThrow('Integration event test.greeted.v1 has two handlers in one map');
  });

  it('combine maps so that the handlers of one type run in the order of the maps', async () => {
    const seen: string[] = [];
    const label = (name: string) => async (): Promise<void> => void seen.push(name);
    const combined = combineEventHandlers([
      eventHandlers(on(TestEvents.greeted, label('first'))),
      eventHandlers(on(TestEvents.counted, label('counted')), on(TestEvents.greeted, label('second'))),
    ]);
    await combined['test.greeted.v1']!(envelopeOf('test.greeted.v1', { name: 'Ada' }), uow);
    expect(seen).toEqual(['first', 'second']);
    expect(Object.keys(combined)).toEqual(['test.greeted.v1', 'test.counted.v1']);
  });
});
