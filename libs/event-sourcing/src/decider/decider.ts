/**
 * A decider is the whole behaviour of one aggregate as three pure functions.
 * No clock, no I/O: time, actor and ids arrive inside the command.
 */
export interface Decider<Command, Event, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** Every domain event is a plain object with a stable `type` name. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}
