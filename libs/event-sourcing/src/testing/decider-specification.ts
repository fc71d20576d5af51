import { AssertionError, deepStrictEqual } from 'node:assert/strict';
import { inspect } from 'node:util';
import type { Decider } from '../decider/decider';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ErrorClass<E extends Error> = abstract new (...args: any[]) => E;
type ErrorPredicate = (error: unknown) => boolean;

export interface DeciderThen<Event> {
  /** The decider must return exactly these events (deep equality); a mismatch fails with a diff. */
  then(expectedEvents: Event[]): void;
  /** The decider must throw an error the predicate accepts. */
  thenThrows(predicate: ErrorPredicate): void;
  /** The decider must throw an instance of the class (optionally also passing `check`). */
  thenThrows<E extends Error>(errorClass: ErrorClass<E>, check?: (error: E) => boolean | void): void;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

/**
 * Given/when/then for deciders:
 * `DeciderSpecification.for(decider).given([...events]).when(command).then([...expected])`.
 * The chain is synchronous; do not `await` or return it from a test (its `then` is not a promise's).
 */
export class DeciderSpecification<Command, Event, State> implements DeciderWhen<Command, Event> {
  private constructor(private readonly decider: Decider<Command, Event, State>) {}

  static for<Command, Event, State>(decider: Decider<Command, Event, State>): DeciderSpecification<Command, Event, State> {
    return new DeciderSpecification(decider);
  }

  given(events: Event[]): DeciderWhen<Command, Event> {
    return { when: (command) => this.outcome(events, command) };
  }

  when(command: Command): DeciderThen<Event> {
    return this.outcome([], command);
  }

  private outcome(given: Event[], command: Command): DeciderThen<Event> {
    const run = (): Event[] => {
      const state = given.reduce((current, event) => this.decider.evolve(current, event), this.decider.initialState());
      return this.decider.decide(command, state);
    };
    return {
      then(expectedEvents: Event[]): void {
        if (typeof expectedEvents === 'function') {
          throw new TypeError('A DeciderSpecification is not a promise: call .then([...events]) and do not await it');
        }
        const actual = run();
        try {
          deepStrictEqual(actual, expectedEvents);
        } catch (error) {
          if (!(error instanceof AssertionError)) throw error;
          throw new Error(`Decider produced other events than expected.\n${error.message}`, { cause: error });
        }
      },
      thenThrows(expectation: ErrorClass<Error> | ErrorPredicate, check?: (error: Error) => boolean | void): void {
        let produced: Event[];
        try {
          produced = run();
        } catch (error) {
          const accepted = isErrorClass(expectation)
            ? error instanceof expectation && (check === undefined || check(error) !== false)
            : expectation(error);
          if (!accepted) {
            const wanted = isErrorClass(expectation) ? `an instance of ${expectation.name}` : 'an error accepted by the predicate';
            throw new Error(`Decider threw ${describeError(error)}, expected ${wanted}`, { cause: error });
          }
          return;
        }
        throw new Error(`Decider was expected to throw but returned events:\n${inspect(produced, { depth: 6 })}`);
      },
    };
  }
}

function isErrorClass(value: unknown): value is ErrorClass<Error> {
  return typeof value === 'function' && (value === Error || value.prototype instanceof Error);
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${code !== undefined ? ` [${String(code)}]` : ''}: ${error.message}`;
  }
  return inspect(error);
}
