import type { Clock } from '../../src/core/clock.js';

/** A clock tests move by hand; wall and monotonic time advance together. */
export class FakeClock implements Clock {
  #now: number;
  #mono = 0;

  constructor(start = Date.UTC(2026, 2, 2, 15, 0, 0)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  monotonic(): number {
    return this.#mono;
  }

  advance(ms: number): void {
    this.#now += ms;
    this.#mono += ms;
  }
}
