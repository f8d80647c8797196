import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { FAULTS, kindsFixedBy } from './faults.js';
import {
  errorReply,
  invalidBody,
  json,
  type Route,
  type SimReply,
  type SimRequest,
} from './http.js';
import { REMEDIATIONS, type RemediationSpec } from './remediations.js';
import { FAULT_KINDS, type RemediationResult } from './types.js';

const injectBody = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  options: z.record(z.string(), z.unknown()).optional(),
});

function authorized(req: SimRequest, token: string): boolean {
  const given = Buffer.from(req.headers.authorization ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function injectFault(ctx: SimContext, req: SimRequest) {
  const parsed = injectBody.safeParse(req.body);
  if (!parsed.success) return invalidBody(parsed.error);
  const { kind, options = {} } = parsed.data;
  const checked = FAULTS[kind].options.safeParse(options);
  if (!checked.success) return invalidBody(checked.error, ['options']);
  return json(201, { fault: ctx.faults.inject(kind, checked.data) });
}

function liftFault(ctx: SimContext, kindOrId: string | undefined) {
  const known =
    FAULT_KINDS.some((k) => k === kindOrId) || ctx.faults.active().some((f) => f.id === kindOrId);
  if (!kindOrId || !known) {
    return errorReply(404, 'UNKNOWN_FAULT', 'no such fault', { fault: kindOrId });
  }
  const lifted = ctx.faults.lift(kindOrId);
  return json(200, { lifted: lifted ? [lifted.kind] : [] });
}

function remediate(ctx: SimContext, spec: RemediationSpec) {
  const lift = () =>
    kindsFixedBy(spec.action).filter((kind) => ctx.faults.lift(kind) !== undefined);
  const outcome = spec.run(ctx, lift);
  const result: RemediationResult = { ok: true, action: spec.action, ...outcome };
  ctx.log.info({ action: spec.action, lifted: result.lifted }, 'remediation run');
  return json(200, result);
}

/** Fault control, remediations and the process restart; see refuseWithoutAdminToken. */
export function adminRoutes(ctx: SimContext): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/admin/faults',
      handle: () =>
        json(200, {
          active: ctx.faults.active(),
          available: FAULT_KINDS.map((kind) => ({
            kind,
            description: FAULTS[kind].description,
            breaks: FAULTS[kind].breaks,
            fixedBy: REMEDIATIONS.find((r) => r.action === FAULTS[kind].fixedBy)?.path ?? null,
          })),
        }),
    },
    { method: 'POST', path: '/admin/faults', handle: (req) => injectFault(ctx, req) },
    {
      method: 'DELETE',
      path: '/admin/faults/:kind',
      handle: (req) => liftFault(ctx, req.params.kind),
    },
    {
      method: 'DELETE',
      path: '/admin/faults',
      handle: () => json(200, { lifted: ctx.faults.liftAll().map((f) => f.kind) }),
    },
    {
      method: 'POST',
      path: '/admin/restart-process',
      handle: () => {
        ctx.restartProcess();
        const result: RemediationResult = {
          ok: true,
          action: 'restart-process',
          lifted: [],
          detail: 'platform process restarted; counters start from zero',
        };
        return json(200, result);
      },
    },
    ...REMEDIATIONS.map(
      (spec): Route => ({
        method: 'POST',
        path: spec.path,
        handle: () => remediate(ctx, spec),
      }),
    ),
  ];
  return routes;
}

/**
 * Every `/admin/*` path, known or not, answers 401 without the token, so probing the admin
 * surface tells nothing about it. Returns the refusal, or `undefined` to go on.
 */
export function refuseWithoutAdminToken(req: SimRequest, token: string): SimReply | undefined {
  if (!req.path.startsWith('/admin') || authorized(req, token)) return undefined;
  return {
    status: 401,
    json: { error: { code: 'UNAUTHORIZED', message: 'admin bearer token required' } },
    headers: { 'www-authenticate': 'Bearer realm="guardia-sim"' },
  };
}
