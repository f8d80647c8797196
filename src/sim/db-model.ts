import type { FaultController } from './fault-controller.js';
import type { Random } from './random.js';
import type { DbHealth } from './types.js';

const POOL_SIZE = 20;
/** Slow queries that start per tick while `slow-queries` is active. */
const SLOW_QUERIES_PER_TICK = 2;

/** The platform database as its health endpoint and gauges report it. */
export interface DbModel {
  tick(): void;
  health(): DbHealth;
  /** Ends the running slow queries and returns how many there were. */
  terminateSlowQueries(): number;
  /** Recycles every pooled connection and returns how many were in use. */
  resetPool(): number;
  reset(): void;
}

export function createDbModel(faults: FaultController, random: Random): DbModel {
  let slowQueries = 0;
  let inUse = 3;

  const jitter = (base: number, spread: number): number =>
    Math.round((base + (random() - 0.5) * spread) * 10) / 10;

  return {
    tick() {
      inUse = 2 + Math.floor(random() * 5);
      if (faults.get('slow-queries')) slowQueries += SLOW_QUERIES_PER_TICK;
    },
    health() {
      const exhausted = faults.get('db-pool-exhausted') !== undefined;
      const slow = faults.get('slow-queries');
      return {
        connected: !exhausted,
        poolSize: POOL_SIZE,
        poolInUse: exhausted ? POOL_SIZE : inUse,
        queryTimeMs: slow ? jitter(slow.options.queryTimeMs ?? 1500, 200) : jitter(12, 8),
        slowQueries,
      };
    },
    terminateSlowQueries() {
      const ended = slowQueries;
      slowQueries = 0;
      return ended;
    },
    resetPool() {
      const recycled = faults.get('db-pool-exhausted') ? POOL_SIZE : inUse;
      inUse = 0;
      return recycled;
    },
    reset() {
      slowQueries = 0;
      inUse = 0;
    },
  };
}
