import type { MonotonicClock } from '../projections/renewing-lease';

/** A monotonic clock that moves only when told to: a process whose timers have not run yet sees what it says. */
export class MovableClock {
  private current = 1_000_000;

  readonly now: MonotonicClock = () => this.current;

  advance(ms: number): void {
    if (ms < 0) throw new Error('A monotonic clock never goes back');
    this.current += ms;
  }
}
