import { z } from 'zod';
import type { SimContext } from './context.js';
import { errorReply, invalidBody, json, type Route, type SimRequest } from './http.js';

export const SERVICES = [
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

interface Booking {
  id: string;
  serviceId: string;
  customerName: string;
  startsAt: string;
  status: 'confirmed';
  createdAt: string;
}

/** Services and bookings; bookings live in memory and survive a simulated process restart. */
export function bookingRoutes(ctx: SimContext): Route[] {
  const bookings: Booking[] = [];
  const dbDown = () =>
    ctx.faults.get('db-pool-exhausted')
      ? errorReply(503, 'DB_UNAVAILABLE', 'database connection pool exhausted')
      : undefined;

  const create = (req: SimRequest) => {
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
      createdAt: new Date(ctx.clock.now()).toISOString(),
    };
    bookings.push(booking);
    return json(201, { booking });
  };

  return [
    { method: 'GET', path: '/api/services', handle: () => json(200, { services: SERVICES }) },
    { method: 'GET', path: '/api/bookings', handle: () => dbDown() ?? json(200, { bookings }) },
    { method: 'POST', path: '/api/bookings', handle: (req) => dbDown() ?? create(req) },
  ];
}
