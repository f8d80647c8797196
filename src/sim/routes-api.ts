import { authRoutes } from './api-auth.js';
import { bookingRoutes } from './api-bookings.js';
import { withApiFaults } from './api-faults.js';
import { SIM_VERSION, type SimContext } from './context.js';
import { json, type Route } from './http.js';

/** The platform's public API; every route passes through the API faults. */
export function apiRoutes(ctx: SimContext): Route[] {
  const routes: Route[] = [
    {
      method: 'GET',
      path: '/api/health',
      handle: () => json(200, { status: 'ok', version: SIM_VERSION, uptimeS: ctx.uptimeS() }),
    },
    ...bookingRoutes(ctx),
    {
      method: 'GET',
      path: '/api/payments',
      handle: () => json(200, { payments: ctx.traffic.recentPayments() }),
    },
    ...authRoutes(ctx),
    { method: 'GET', path: '/api/db/health', handle: () => json(200, ctx.db.health()) },
  ];
  return routes.map((route) => ({ ...route, handle: withApiFaults(ctx.faults, route.handle) }));
}
