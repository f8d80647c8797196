import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { CheckResult, TargetInfo } from '../monitors/types.js';
import type { AlertRecord, AlertStore, Counters } from './store.js';

export interface AlertPolicy {
  /** Consecutive failed checks that open an alert. */
  failuresToOpen: number;
  /** Consecutive good checks that resolve it. */
  successesToResolve: number;
  /** Minimum time between reminders while an alert stays open. */
  remindEveryMs: number;
}

export type AlertTransition =
  | { type: 'opened'; alert: AlertRecord; target: TargetInfo; result: CheckResult }
  | { type: 'reminder'; alert: AlertRecord; target: TargetInfo; result: CheckResult }
  | { type: 'resolved'; alert: AlertRecord; target: TargetInfo; result: CheckResult };

/**
 * Runs inside the transaction that records the transition. Whatever a listener writes (an
 * outbox row, an incident) commits or rolls back with the alert state itself, which is what
 * makes announcements exactly-once across crashes. Listeners must be synchronous.
 */
export type AlertListener = (transition: AlertTransition) => void;

export interface AlertEngineOptions {
  store: AlertStore;
  clock: Clock;
  log: Logger;
  policy: AlertPolicy;
  /** Per-target overrides of the policy (a business rate may need more evidence). */
  policyFor?: (target: TargetInfo) => Partial<AlertPolicy> | undefined;
}

/**
 * Turns a stream of check results into alert transitions: opens after N consecutive failures,
 * resolves after M consecutive successes, reminds at most every `remindEveryMs` meanwhile.
 * Counters only touch the database while something is wrong, so a healthy fleet costs nothing.
 */
export class AlertEngine {
  readonly #o: AlertEngineOptions;
  readonly #counters = new Map<string, Counters>();
  readonly #listeners: AlertListener[] = [];

  constructor(options: AlertEngineOptions) {
    this.#o = options;
  }

  onTransition(listener: AlertListener): void {
    this.#listeners.push(listener);
  }

  get store(): AlertStore {
    return this.#o.store;
  }

  observe(target: TargetInfo, result: CheckResult): void {
    // No evidence either way: an open alert must not resolve on "not enough data".
    if (result.inconclusive) return;
    const policy = { ...this.#o.policy, ...this.#o.policyFor?.(target) };
    const counters = this.#countersFor(target.id);
    const before = { ...counters };
    if (result.ok) {
      counters.failures = 0;
      counters.successes = Math.min(counters.successes + 1, policy.successesToResolve);
    } else {
      counters.successes = 0;
      counters.failures = Math.min(counters.failures + 1, policy.failuresToOpen);
    }
    const now = this.#o.clock.now();
    const changed =
      before.failures !== counters.failures || before.successes !== counters.successes;
    const needsWork = !result.ok || changed;
    if (!needsWork) return;

    try {
      this.#transition(target, result, policy, before, counters, now);
    } catch (err) {
      // The state rolled back with the transaction; the in-memory counters must too, or a
      // resolution whose listener failed would never be retried (the counters stay at M).
      counters.failures = before.failures;
      counters.successes = before.successes;
      throw err;
    }
  }

  /**
   * A person closed the incident this target's alert belongs to: the alert closes without a
   * recovery, and the target counts afresh, so one that still fails opens a new alert (and
   * incident) after `failuresToOpen` more failures instead of failing unseen.
   */
  dismiss(targetId: string): void {
    const { store } = this.#o;
    const now = this.#o.clock.now();
    const open = store.openAlertFor(targetId);
    if (open) store.markResolved(open.id, now);
    const counters = this.#countersFor(targetId);
    counters.failures = 0;
    counters.successes = 0;
    store.saveCounters(targetId, counters, undefined, now);
    if (open) this.#o.log.info({ target: targetId, alertId: open.id }, 'alert dismissed by hand');
  }

  #transition(
    target: TargetInfo,
    result: CheckResult,
    policy: AlertPolicy,
    before: Counters,
    counters: Counters,
    now: number,
  ): void {
    const { store } = this.#o;
    const changed =
      before.failures !== counters.failures || before.successes !== counters.successes;
    store.transaction(() => {
      const open = store.openAlertFor(target.id);
      if (changed && (open || counters.failures > 0 || before.failures > 0)) {
        store.saveCounters(target.id, counters, result.reason, now);
      }
      if (!result.ok) {
        if (!open && counters.failures >= policy.failuresToOpen) {
          const alert = store.insert({
            targetId: target.id,
            kind: target.kind,
            severity: target.severity,
            reason: result.reason ?? 'check failed',
            openedAt: now,
            lastNotifiedAt: now,
            cause: result,
          });
          this.#o.log.info(
            { target: target.id, alertId: alert.id, reason: alert.reason },
            'alert opened',
          );
          this.#emit({ type: 'opened', alert, target, result });
        } else if (open && now - open.lastNotifiedAt >= policy.remindEveryMs) {
          store.markReminded(open.id, now);
          const alert = { ...open, lastNotifiedAt: now, reminders: open.reminders + 1 };
          this.#o.log.info({ target: target.id, alertId: open.id }, 'alert reminder');
          this.#emit({ type: 'reminder', alert, target, result });
        }
      } else if (open && counters.successes >= policy.successesToResolve) {
        store.markResolved(open.id, now);
        const alert: AlertRecord = { ...open, status: 'resolved', resolvedAt: now };
        this.#o.log.info(
          { target: target.id, alertId: open.id, durationMs: now - open.openedAt },
          'alert resolved',
        );
        this.#emit({ type: 'resolved', alert, target, result });
      }
    });
  }

  #countersFor(targetId: string): Counters {
    let counters = this.#counters.get(targetId);
    if (!counters) {
      counters = this.#o.store.counters(targetId);
      this.#counters.set(targetId, counters);
    }
    return counters;
  }

  #emit(transition: AlertTransition): void {
    for (const listener of this.#listeners) listener(transition);
  }
}
