import { z } from 'zod';
import type { DbHealthConfig } from '../config/monitors.js';
import { failureFromError } from './http.js';
import type { SharedFetch } from './shared-fetch.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';

const dbHealthBody = z.object({
  connected: z.boolean(),
  queryTimeMs: z.number(),
  slowQueries: z.number(),
  poolSize: z.number().optional(),
  poolInUse: z.number().optional(),
});

/** The platform's own view of its database: connected, query time, slow queries running. */
export class DbHealthMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #c: DbHealthConfig;
  readonly #timeoutMs: number;
  readonly #fetch: SharedFetch;

  constructor(target: TargetInfo, config: DbHealthConfig, timeoutMs: number, fetch: SharedFetch) {
    this.target = target;
    this.#c = config;
    this.#timeoutMs = timeoutMs;
    this.#fetch = fetch;
  }

  async check(): Promise<CheckResult> {
    let body: z.output<typeof dbHealthBody>;
    try {
      const res = await this.#fetch.get(this.#c.url, this.#timeoutMs);
      const parsed = dbHealthBody.safeParse(safeJson(res.text));
      if (!parsed.success) {
        return {
          ok: false,
          code: 'PROBE_BODY',
          reason: `db health body: ${res.status}, unreadable`,
          detail: { because: 'dbUnreadable', status: res.status },
        };
      }
      body = parsed.data;
    } catch (err) {
      return failureFromError(err, this.#timeoutMs);
    }
    const detail = { ...body };
    const value = body.queryTimeMs;
    const { maxSlowQueries, maxQueryTime } = this.#c;
    if (!body.connected) {
      return {
        ok: false,
        value,
        code: 'DB_UNHEALTHY',
        reason: 'database disconnected',
        detail: { ...detail, because: 'disconnected' },
      };
    }
    if (body.slowQueries > maxSlowQueries) {
      return {
        ok: false,
        value,
        code: 'DB_UNHEALTHY',
        reason: `${body.slowQueries} slow queries running (at most ${maxSlowQueries})`,
        detail: { ...detail, because: 'slowQueries', maxSlowQueries },
      };
    }
    if (body.queryTimeMs > maxQueryTime) {
      return {
        ok: false,
        value,
        code: 'DB_UNHEALTHY',
        reason: `query time ${body.queryTimeMs.toFixed(0)} ms > ${maxQueryTime} ms`,
        detail: { ...detail, because: 'queryTime', maxQueryTimeMs: maxQueryTime },
      };
    }
    return { ok: true, value, detail };
  }
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
