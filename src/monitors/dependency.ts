import { type Dispatcher, request } from 'undici';
import { z } from 'zod';
import type { DependencyConfig } from '../config/monitors.js';
import type { Clock } from '../core/clock.js';
import { safeJson } from './db-health.js';
import { failureFromError } from './http.js';
import type { CheckDetail, CheckResult, Monitor, TargetInfo } from './types.js';

/** The part of Statuspage's v2 `summary.json` guardia reads. */
const statusSummary = z.object({
  status: z.object({
    indicator: z.enum(['none', 'minor', 'major', 'critical']),
    description: z.string(),
  }),
  components: z.array(z.object({ name: z.string(), status: z.string() })).default([]),
  incidents: z.array(z.object({ name: z.string() })).default([]),
});

const SEVERITY = { none: 0, minor: 1, major: 2, critical: 3 } as const;

/**
 * A third-party service as its public status page describes it, plus an optional direct
 * probe: the page may lag an outage, the probe sees it at once.
 */
export class DependencyMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #c: DependencyConfig;
  readonly #timeoutMs: number;
  readonly #dispatcher: Dispatcher;
  readonly #clock: Clock;

  constructor(
    target: TargetInfo,
    config: DependencyConfig,
    timeoutMs: number,
    dispatcher: Dispatcher,
    clock: Clock,
  ) {
    this.target = target;
    this.#c = config;
    this.#timeoutMs = timeoutMs;
    this.#dispatcher = dispatcher;
    this.#clock = clock;
  }

  async check(): Promise<CheckResult> {
    let page: z.output<typeof statusSummary>;
    try {
      const res = await this.#get(this.#c.statusUrl);
      const parsed = statusSummary.safeParse(safeJson(res.text));
      if (!parsed.success) {
        return {
          ok: false,
          code: 'PROBE_BODY',
          reason: 'status page is not a Statuspage v2 summary',
          detail: { because: 'notStatuspage' },
        };
      }
      page = parsed.data;
    } catch (err) {
      return failureFromError(err, this.#timeoutMs);
    }
    const broken = page.components.filter((c) => c.status !== 'operational').map((c) => c.name);
    const detail: CheckDetail = {
      indicator: page.status.indicator,
      description: page.status.description,
      components: broken,
      incidents: page.incidents.map((i) => i.name),
    };
    if (SEVERITY[page.status.indicator] >= SEVERITY[this.#c.failAt]) {
      const what = broken.length ? ` (${broken.join(', ')})` : '';
      return {
        ok: false,
        code: 'DEPENDENCY_DOWN',
        reason: `status page: ${page.status.description}${what}`,
        detail: { ...detail, because: 'statusPage' },
      };
    }
    if (!this.#c.pingUrl) return { ok: true, detail };
    return this.#ping(this.#c.pingUrl, detail);
  }

  async #ping(url: string, detail: CheckDetail): Promise<CheckResult> {
    const started = this.#clock.monotonic();
    try {
      const res = await this.#get(url);
      const value = this.#clock.monotonic() - started;
      const withPing = { ...detail, pingStatus: res.status };
      if (res.status < 200 || res.status > 299) {
        return {
          ok: false,
          value,
          code: 'DEPENDENCY_DOWN',
          reason: `direct probe answered ${res.status}`,
          detail: { ...withPing, because: 'pingStatus' },
        };
      }
      return { ok: true, value, detail: withPing };
    } catch (err) {
      const failure = failureFromError(err, this.#timeoutMs);
      return {
        ...failure,
        code: 'DEPENDENCY_DOWN',
        reason: `direct probe: ${failure.reason}`,
        // The probe's own failure (its code and facts) is kept so it can be phrased inside.
        detail: { ...detail, ...failure.detail, because: 'pingFailed', pingCode: failure.code },
      };
    }
  }

  async #get(url: string): Promise<{ status: number; text: string }> {
    const res = await request(url, {
      dispatcher: this.#dispatcher,
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
    return { status: res.statusCode, text: await res.body.text() };
  }
}
