import { request } from 'undici';
import { z } from 'zod';
import { duration } from '../../config/duration.js';
import { fillTemplate, showTemplate } from '../template.js';
import type { StepType } from './types.js';

const bilingual = z.strictObject({ en: z.string().min(1), 'es-AR': z.string().min(1) });

export const httpStepSchema = z.strictObject({
  type: z.literal('http'),
  title: bilingual.optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
  /** May use `${ENV}`, `${ENV:-default}` and `${params.name}`. */
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).default({}),
  /** Sent as JSON. */
  body: z.unknown().optional(),
  timeout: duration.default(10_000),
  /** Statuses that count as success; default any 2xx. */
  expectStatus: z.array(z.number().int().min(100).max(599)).optional(),
});
export type HttpStep = z.output<typeof httpStepSchema>;

const MAX_BODY = 64 * 1024;

/** What the admin API said, in a few words: `lifted: api-latency`, its `detail`, or nothing. */
function summarize(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    const body = z
      .object({ lifted: z.array(z.string()).optional(), detail: z.string().optional() })
      .catch({})
      .parse(parsed);
    const parts = [];
    if (body.lifted) parts.push(`lifted: ${body.lifted.join(', ') || 'none'}`);
    if (body.detail) parts.push(body.detail.slice(0, 160));
    return parts.join(' · ');
  } catch {
    return '';
  }
}

/** An HTTP request to an admin endpoint, through the app's shared undici dispatcher. */
export const httpStep: StepType<HttpStep> = {
  type: 'http',
  schema: httpStepSchema,
  describe(step, params) {
    const headers = Object.entries(step.headers)
      .map(([k, v]) => `${k}: ${showTemplate(v, { params })}`)
      .join(', ');
    const url = showTemplate(step.url, { params });
    return `${step.method} ${url}${headers ? ` (${headers})` : ''}`;
  },
  async run(step, ctx) {
    const scope = { env: ctx.env, params: ctx.params };
    const url = fillTemplate(step.url, scope);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.headers))
      headers[k.toLowerCase()] = fillTemplate(v, scope);
    let body: string | undefined;
    if (step.body !== undefined) {
      body = JSON.stringify(step.body);
      headers['content-type'] ??= 'application/json';
    }
    const started = ctx.clock.monotonic();
    const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(step.timeout)]);
    try {
      const res = await request(url, {
        method: step.method,
        headers,
        body,
        dispatcher: ctx.http,
        signal,
      });
      const text = (await res.body.text()).slice(0, MAX_BODY);
      const ms = Math.round(ctx.clock.monotonic() - started);
      const ok = step.expectStatus
        ? step.expectStatus.includes(res.statusCode)
        : res.statusCode >= 200 && res.statusCode < 300;
      const said = summarize(text);
      const call = `${step.method} ${new URL(url).pathname} → ${res.statusCode} (${ms} ms)`;
      const line = said ? `${call} · ${said}` : call;
      return { ok, text: { en: line, 'es-AR': line } };
    } catch (err) {
      const timedOut = signal.aborted && !ctx.signal.aborted;
      const reason = timedOut ? `timeout after ${step.timeout} ms` : (err as Error).message;
      ctx.log.warn({ url: new URL(url).pathname, reason }, 'runbook http step failed');
      return {
        ok: false,
        text: {
          en: `${step.method} ${new URL(url).pathname} failed: ${reason}`,
          'es-AR': `${step.method} ${new URL(url).pathname} falló: ${reason}`,
        },
      };
    }
  },
};
