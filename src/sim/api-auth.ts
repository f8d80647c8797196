import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { SimContext } from './context.js';
import { errorReply, invalidBody, json, type Route, type SimRequest } from './http.js';

const loginBody = z.strictObject({
  email: z.email(),
  password: z.string().min(1),
});

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

function bearer(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** Login and session lookup; any non-empty password is accepted, as befits a simulator. */
export function authRoutes(ctx: SimContext): Route[] {
  const sessions = new Map<string, { email: string; expiresAt: number }>();
  const iso = (ms: number) => new Date(ms).toISOString();

  const login = (req: SimRequest) => {
    const parsed = loginBody.safeParse(req.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const token = `sim_${randomUUID()}`;
    const expiresAt = ctx.clock.now() + SESSION_TTL_MS;
    sessions.set(token, { email: parsed.data.email, expiresAt });
    return json(200, { token, user: { email: parsed.data.email }, expiresAt: iso(expiresAt) });
  };

  const session = (req: SimRequest) => {
    const found = sessions.get(bearer(req) ?? '');
    if (!found || found.expiresAt <= ctx.clock.now()) {
      return errorReply(401, 'UNAUTHORIZED', 'no valid session');
    }
    return json(200, {
      authenticated: true,
      user: { email: found.email },
      expiresAt: iso(found.expiresAt),
    });
  };

  return [
    { method: 'POST', path: '/api/auth/login', handle: login },
    { method: 'GET', path: '/api/auth/session', handle: session },
  ];
}
