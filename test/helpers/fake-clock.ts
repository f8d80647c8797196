import type { Clock } from '../../src/core/clock.js';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  #now: number;

  constructor(start = Date.UTC(2025, 2, 10, 12, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  monotonic(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }
}
