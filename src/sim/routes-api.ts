import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withApiFaults } from './api-faults.js';
import { SIM_VERSION, type SimContext } from './context.js';
import { errorReply, invalidBody, json, type Route, type SimRequest } from './http.js';

const SERVICES = [
  { id: 'corte', name: 'Corte de pelo', durationMin: 30, priceArs: 9_500 },
  { id: 'barba', name: 'Arreglo de barba', durationMin: 20, priceArs: 8_000 },
  { id: 'corte-barba', name: 'Corte y barba', durationMin: 50, priceArs: 15_500 },
  { id: 'afeitado', name: 'Afeitado clásico', durationMin: 30, priceArs: 12_000 },
] as const;

const bookingBody = z.strictObject({
  serviceId: z.string().refine((id) => SERVICES.some((s) => s.id === id), {
    message: `unknown service; one of ${SERVICES.map((s) => s.id).join(', ')}`,
  }),
  customerName: z.string().trim().min(1).max(100),
  startsAt: z.iso.datetime({ offset: true }),
});

const loginBody = z.strictObject({
  email: z.email(),
  password: z.string().min(1),
});

interface Booking {
  id: string;
  serviceId: string;
  customerName: string;
  startsAt: string;
  status: 'confirmed';
  createdAt: string;
}

const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

function bearer(req: SimRequest): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

/** The platform's public API; every route passes through the API faults. */
export function apiRoutes(ctx: SimContext): Route[] {
  const bookings: Booking[] = [];
  const sessions = new Map<string, { email: string; expiresAt: number }>();
  const iso = (ms = ctx.clock.now()) => new Date(ms).toISOString();
  const dbDown = () =>
    ctx.faults.get('db-pool-exhausted')
      ? errorReply(503, 'DB_UNAVAILABLE', 'database connection pool exhausted')
      : undefined;

  const createBooking = (req: SimRequest) => {
    const parsed = bookingBody.safeParse(req.body);
    if (!parsed.success) return invalidBody(parsed.error);
    const { serviceId, customerName, startsAt } = parsed.data;
    const taken = bookings.some((b) => b.serviceId === serviceId && b.startsAt === startsAt);
    if (taken) return errorReply(409, 'SLOT_TAKEN', 'slot already booked', { serviceId, startsAt });
    const booking: Booking = {
      id: `bk_${String(bookings.length + 1).padStart(6, '0')}`,
      serviceId,
      customerName,
      startsAt,
      status: 'confirmed',
      createdAt: iso(),
    };
    bookings.push(booking);
    return json(201, { booking });
  };

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

  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/health',
      handle: () => json(200, { status: 'ok', version: SIM_VERSION, uptimeS: ctx.uptimeS() }),
    },
    { method: 'GET', path: '/api/services', handle: () => json(200, { services: SERVICES }) },
    { method: 'GET', path: '/api/bookings', handle: () => dbDown() ?? json(200, { bookings }) },
    { method: 'POST', path: '/api/bookings', handle: (req) => dbDown() ?? createBooking(req) },
    {
      method: 'GET',
      path: '/api/payments',
      handle: () => json(200, { payments: ctx.traffic.recentPayments() }),
    },
    { method: 'POST', path: '/api/auth/login', handle: login },
    { method: 'GET', path: '/api/auth/session', handle: session },
    { method: 'GET', path: '/api/db/health', handle: () => json(200, ctx.db.health()) },
  ];
  return routes.map((route) => ({ ...route, handle: withApiFaults(ctx.faults, route.handle) }));
}
