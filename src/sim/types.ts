/**
 * Shapes the simulator promises to its clients. Monitors, runbooks and tests read these
 * bodies, so a change here is a change of contract.
 */

export const FAULT_KINDS = [
  'api-latency',
  'api-errors',
  'api-timeout',
  'worker-stall',
  'db-pool-exhausted',
  'slow-queries',
  'gateway-down',
  'payment-failures',
  'booking-conflicts',
  'dependency-outage',
  'websocket-drop',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** Options a fault may take; each kind accepts only the fields its table entry names. */
export interface FaultOptions {
  /** `api-latency`: milliseconds added to every public `/api/*` answer. */
  latencyMs?: number;
  /** `api-errors`: HTTP status every public `/api/*` answers with. */
  status?: number;
  /** `slow-queries`: the database query time reported while the fault is active. */
  queryTimeMs?: number;
}

export interface ActiveFault {
  /** `<kind>-<n>`; a new id each time a kind is injected. */
  id: string;
  kind: FaultKind;
  /** Options after defaults were filled in. */
  options: FaultOptions;
  /** ISO 8601 time the fault was injected. */
  since: string;
}

export const PAYMENT_METHODS = ['mercadopago', 'credit', 'debit', 'cash'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const SIGNUP_STEPS = ['dni_validation', 'mp_linking'] as const;
export type SignupStep = (typeof SIGNUP_STEPS)[number];

/** `attempts === succeeded + failed` always holds. */
export interface OutcomeCounts {
  attempts: number;
  succeeded: number;
  failed: number;
}

/**
 * Body of `GET /metrics/business`. Every count is cumulative since `startedAt` and only grows,
 * until `POST /admin/restart-process` sets them all back to zero and moves `startedAt`.
 */
export interface BusinessCounters {
  /** ISO 8601 time of this snapshot. */
  at: string;
  /** ISO 8601 time counting started: the simulated platform's last (re)start. */
  startedAt: string;
  bookings: OutcomeCounts;
  payments: OutcomeCounts & { byMethod: Record<PaymentMethod, OutcomeCounts> };
  registrations: OutcomeCounts;
  signup: Record<SignupStep, OutcomeCounts>;
}

/** Body of `GET /api/db/health`. */
export interface DbHealth {
  connected: boolean;
  poolSize: number;
  poolInUse: number;
  queryTimeMs: number;
  /** Slow queries running right now; terminating them brings it back to zero. */
  slowQueries: number;
}

/** The third-party services that have a status page and a ping endpoint. */
export const DEPENDENCIES = ['mercadopago', 'notifications'] as const;
export type Dependency = (typeof DEPENDENCIES)[number];

export type StatusIndicator = 'none' | 'minor' | 'major' | 'critical';
export type ComponentStatus =
  | 'operational'
  | 'degraded_performance'
  | 'partial_outage'
  | 'major_outage';

/** The subset of Atlassian Statuspage's `/api/v2/summary.json` the simulator serves. */
export interface StatusSummary {
  page: { id: string; name: string; url: string; time_zone: string; updated_at: string };
  status: { indicator: StatusIndicator; description: string };
  components: Array<{ id: string; name: string; status: ComponentStatus; updated_at: string }>;
  incidents: Array<{
    id: string;
    name: string;
    status: 'investigating' | 'identified' | 'monitoring' | 'resolved';
    impact: StatusIndicator;
    created_at: string;
    updated_at: string;
  }>;
}

/** Body of every remediation endpoint. */
export interface RemediationResult {
  ok: true;
  action: string;
  /** Fault kinds this call lifted; empty when none of its faults was active. */
  lifted: FaultKind[];
  detail: string;
  /** `payments-retry-failed` only: how many failed payments were retried. */
  retried?: number;
  /** `db-terminate-slow-queries` only: how many running slow queries were ended. */
  terminated?: number;
}
