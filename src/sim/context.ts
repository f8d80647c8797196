import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { DbModel } from './db-model.js';
import type { FaultController } from './fault-controller.js';
import type { Traffic } from './traffic.js';

/** What every route group shares: the simulated platform's state and collaborators. */
export interface SimContext {
  faults: FaultController;
  traffic: Traffic;
  db: DbModel;
  clock: Clock;
  log: Logger;
  adminToken: string;
  /** Seconds since the simulated platform process last (re)started. */
  uptimeS(): number;
  /** Simulates a platform process restart: counters, database gauges and uptime start over. */
  restartProcess(): void;
}

export const SIM_VERSION = '1.0.0-sim';
