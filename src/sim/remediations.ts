import type { SimContext } from './context.js';
import type { RemediationAction } from './faults.js';
import type { FaultKind, RemediationResult } from './types.js';

type Outcome = Omit<RemediationResult, 'ok' | 'action'>;

export interface RemediationSpec {
  action: RemediationAction;
  /** `POST` path under `/admin`. */
  path: string;
  description: string;
  /** Does the side effect; `lift` lifts the faults the table says this action fixes. */
  run(ctx: SimContext, lift: () => FaultKind[]): Outcome;
}

/** The admin endpoints a runbook calls; which faults each lifts comes from the fault table. */
export const REMEDIATIONS: readonly RemediationSpec[] = [
  {
    action: 'cache-clear',
    path: '/admin/cache/clear',
    description: 'Clear the API cache',
    run: (_ctx, lift) => ({ lifted: lift(), detail: 'API cache cleared' }),
  },
  {
    action: 'workers-restart',
    path: '/admin/workers/restart',
    description: 'Restart background and API workers',
    run: (_ctx, lift) => ({ lifted: lift(), detail: 'workers restarted' }),
  },
  {
    action: 'db-pool-reset',
    path: '/admin/db/pool/reset',
    description: 'Reset the database connection pool',
    run: (ctx, lift) => {
      const recycled = ctx.db.resetPool();
      return { lifted: lift(), detail: `${recycled} connections recycled` };
    },
  },
  {
    action: 'db-terminate-slow-queries',
    path: '/admin/db/queries/terminate-slow',
    description: 'Terminate slow database queries',
    run: (ctx, lift) => {
      const terminated = ctx.db.terminateSlowQueries();
      return { lifted: lift(), detail: `${terminated} slow queries terminated`, terminated };
    },
  },
  {
    action: 'payments-failover',
    path: '/admin/payments/failover',
    description: 'Fail payments over to the backup gateway',
    run: (_ctx, lift) => ({ lifted: lift(), detail: 'payments routed to the backup gateway' }),
  },
  {
    action: 'payments-retry-failed',
    path: '/admin/payments/retry-failed',
    description: 'Retry failed payment transactions',
    run: (ctx, lift) => {
      // Lift first so the retries run against a healthy gateway, as they would after a fix.
      const lifted = lift();
      const { retried, succeeded } = ctx.traffic.retryFailedPayments();
      return { lifted, detail: `${retried} payments retried, ${succeeded} succeeded`, retried };
    },
  },
  {
    action: 'bookings-resolve-conflicts',
    path: '/admin/bookings/resolve-conflicts',
    description: 'Re-validate schedules and reset the booking cache',
    run: (_ctx, lift) => ({
      lifted: lift(),
      detail: 'schedules re-validated, booking cache reset',
    }),
  },
];
