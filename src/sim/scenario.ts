import type { Logger } from '../core/logger.js';
import type { Simulator } from './server.js';
import type { FaultKind, FaultOptions } from './types.js';

export interface ScenarioStep {
  /** Milliseconds after runScenario is called. */
  atMs: number;
  action: 'inject' | 'lift';
  fault: FaultKind;
  /** Only for `inject`. */
  options?: FaultOptions;
}

/**
 * The local demo: the API slows down by 450 ms at 20 s and recovers at 60 s; then payments
 * fail about one in five from 90 s to 4 min, long enough for a payment-rate alert and a team
 * summary that shows it.
 */
export const DEMO_SCENARIO: readonly ScenarioStep[] = [
  { atMs: 20_000, action: 'inject', fault: 'api-latency', options: { latencyMs: 450 } },
  { atMs: 60_000, action: 'lift', fault: 'api-latency' },
  { atMs: 90_000, action: 'inject', fault: 'payment-failures' },
  { atMs: 240_000, action: 'lift', fault: 'payment-failures' },
];

/**
 * The incident demo (the default start): the API slows down by 450 ms from 20 s to 60 s, so an
 * incident opens and resolves within the first 90 s with nobody doing anything; then payments
 * fail about one in five from 90 s until somebody fixes it: the `retry-failed-payments` runbook
 * calls `POST /admin/payments/retry-failed`, which lifts the fault. The incident escalates
 * while nobody acknowledges it.
 */
export const INCIDENT_SCENARIO: readonly ScenarioStep[] = [
  { atMs: 20_000, action: 'inject', fault: 'api-latency', options: { latencyMs: 450 } },
  { atMs: 60_000, action: 'lift', fault: 'api-latency' },
  { atMs: 90_000, action: 'inject', fault: 'payment-failures' },
];

/**
 * Plays the steps on the simulator's faults. Steps with the same `atMs` run in list order.
 * Timers are unref'd so a pending step never keeps the process alive.
 */
export function runScenario(
  sim: Simulator,
  steps: readonly ScenarioStep[],
  log: Logger,
): { cancel(): void } {
  const ordered = steps.map((step, index) => ({ step, index }));
  ordered.sort((a, b) => a.step.atMs - b.step.atMs || a.index - b.index);
  const timers = ordered.map(({ step }) => {
    const timer = setTimeout(() => {
      log.info({ fault: step.fault, action: step.action, atMs: step.atMs }, 'scenario step');
      if (step.action === 'inject') sim.faults.inject(step.fault, step.options);
      else sim.faults.lift(step.fault);
    }, step.atMs);
    timer.unref();
    return timer;
  });
  return {
    cancel() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
