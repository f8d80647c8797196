import type { AlertEngine } from '../alerts/engine.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { SampleWriter, StoredSample } from '../store/samples.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';
import { RollingWindow, type WindowStats } from './window.js';

export interface TargetStatus {
  target: TargetInfo;
  last: { at: number; result: CheckResult } | undefined;
  stats: WindowStats;
}

export interface RunnerOptions {
  monitors: readonly Monitor[];
  engine: AlertEngine;
  samples: SampleWriter;
  clock: Clock;
  log: Logger;
  /** Refills each rolling window from stored samples so figures survive a restart. */
  history?: (targetId: string, limit: number) => StoredSample[];
  /** Spreads first checks over the interval so a large fleet does not fire at once. */
  stagger?: boolean;
}

interface Slot {
  monitor: Monitor;
  window: RollingWindow;
  last: TargetStatus['last'];
  timer: NodeJS.Timeout | undefined;
  inFlight: Promise<void> | undefined;
}

/**
 * Runs each monitor on its own interval. A check never overlaps the previous one of the same
 * monitor: the next run is scheduled only when the current one has finished.
 */
export class MonitorRunner {
  readonly #o: RunnerOptions;
  readonly #slots = new Map<string, Slot>();
  #stopped = true;
  /** Targets not yet checked once since start, and who waits for the first round. */
  #unchecked = new Set<string>();
  #firstRoundDone: (complete: boolean) => void = () => {};
  readonly #firstRound = new Promise<boolean>((resolve) => {
    this.#firstRoundDone = resolve;
  });

  constructor(options: RunnerOptions) {
    this.#o = options;
    for (const monitor of options.monitors) {
      const window = new RollingWindow(monitor.target.window);
      for (const s of options.history?.(monitor.target.id, monitor.target.window) ?? []) {
        window.push(s.ok, s.value ?? undefined);
      }
      this.#slots.set(monitor.target.id, {
        monitor,
        window,
        last: undefined,
        timer: undefined,
        inFlight: undefined,
      });
    }
  }

  start(): void {
    this.#stopped = false;
    this.#unchecked = new Set(this.#slots.keys());
    if (this.#unchecked.size === 0) this.#firstRoundDone(true);
    for (const slot of this.#slots.values()) {
      const interval = slot.monitor.target.intervalMs;
      const delay = this.#o.stagger ? Math.floor(Math.random() * Math.min(interval, 5000)) : 0;
      this.#schedule(slot, delay);
    }
    this.#o.log.info({ monitors: this.#slots.size }, 'monitors started');
  }

  /** Stops scheduling and waits for checks in flight, so their results are recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    const inFlight: Promise<void>[] = [];
    for (const slot of this.#slots.values()) {
      if (slot.timer) clearTimeout(slot.timer);
      if (slot.inFlight) inFlight.push(slot.inFlight);
    }
    await Promise.allSettled(inFlight);
    await Promise.allSettled([...this.#slots.values()].map((s) => s.monitor.close?.()));
    this.#firstRoundDone(false);
  }

  /**
   * Resolves with true once every target has been checked since `start`, or with false when
   * the runner stops first.
   */
  firstRound(): Promise<boolean> {
    return this.#firstRound;
  }

  /** Runs one check of one target now (commands and tests); resolves when it is recorded. */
  async runNow(targetId: string): Promise<void> {
    const slot = this.#slots.get(targetId);
    if (!slot) throw new Error(`unknown target ${targetId}`);
    await (slot.inFlight ?? this.#run(slot));
  }

  /**
   * Writes buffered samples now. Samples are written in batches every few seconds; a reader of
   * the store (a summary, a report) calls this first so its figures include the latest checks,
   * the ones `snapshot()` already shows.
   */
  flushSamples(): void {
    this.#o.samples.flush();
  }

  /** A target's last check judged on data since `since` (see `Monitor.judgeSince`). */
  judgeSince(targetId: string, since: number): CheckResult | undefined {
    return this.#slots.get(targetId)?.monitor.judgeSince?.(since);
  }

  statsFor(targetId: string): WindowStats | undefined {
    return this.#slots.get(targetId)?.window.stats();
  }

  snapshot(): TargetStatus[] {
    return [...this.#slots.values()].map((s) => ({
      target: s.monitor.target,
      last: s.last,
      stats: s.window.stats(),
    }));
  }

  #schedule(slot: Slot, delay: number): void {
    if (this.#stopped) return;
    slot.timer = setTimeout(() => {
      const started = this.#o.clock.monotonic();
      void this.#run(slot).then(() => {
        const elapsed = this.#o.clock.monotonic() - started;
        this.#schedule(slot, Math.max(0, slot.monitor.target.intervalMs - elapsed));
      });
    }, delay);
  }

  #run(slot: Slot): Promise<void> {
    const run = this.#check(slot).finally(() => {
      slot.inFlight = undefined;
    });
    slot.inFlight = run;
    return run;
  }

  async #check(slot: Slot): Promise<void> {
    const { target } = slot.monitor;
    let result: CheckResult;
    try {
      result = await slot.monitor.check();
    } catch (err) {
      this.#o.log.error({ err, target: target.id }, 'monitor threw');
      const error = (err as Error).message;
      result = {
        ok: false,
        reason: `monitor error: ${error}`,
        detail: { because: 'monitorError', error },
      };
    }
    const at = this.#o.clock.now();
    slot.last = { at, result };
    slot.window.push(result.ok, result.value);
    if (this.#unchecked.delete(target.id) && this.#unchecked.size === 0) {
      this.#firstRoundDone(true);
    }
    try {
      this.#o.samples.add({
        targetId: target.id,
        at,
        ok: result.ok,
        value: result.value,
        reason: result.reason,
      });
    } catch (err) {
      // A store failure must not end this target's schedule; alerting still gets the result.
      this.#o.log.error({ err, target: target.id }, 'sample not stored');
    }
    this.#o.log.debug({ target: target.id, ok: result.ok, value: result.value }, 'check done');
    if (target.alerting === false) return;
    try {
      this.#o.engine.observe(target, result);
    } catch (err) {
      this.#o.log.error({ err, target: target.id }, 'alert evaluation failed');
    }
  }
}
