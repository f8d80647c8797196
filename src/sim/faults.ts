import { z } from 'zod';
import {
  FAULT_KINDS,
  type FaultKind,
  type FaultOptions,
  type PaymentMethod,
  type SignupStep,
} from './types.js';

/** Remediation endpoints, by the `action` name their answer carries. */
export const REMEDIATION_ACTIONS = [
  'cache-clear',
  'workers-restart',
  'db-pool-reset',
  'db-terminate-slow-queries',
  'payments-failover',
  'payments-retry-failed',
  'bookings-resolve-conflicts',
] as const;

export type RemediationAction = (typeof REMEDIATION_ACTIONS)[number];

/** A traffic stream whose success rate a fault can cap. */
export type RateKey = 'bookings' | 'registrations' | SignupStep | PaymentMethod;

export interface FaultSpec {
  description: string;
  /** What a monitor sees while the fault is active. */
  breaks: string;
  /** The remediation that lifts it; `null` means only `DELETE /admin/faults/<kind>` does. */
  fixedBy: RemediationAction | null;
  /** Validates and fills the options; unknown fields are refused. */
  options: z.ZodType<FaultOptions>;
  /** Success-rate ceilings the traffic generator applies while the fault is active. */
  rates?: Partial<Record<RateKey, number>>;
}

const noOptions = z.strictObject({});

/** The one table of faults: every effect and remediation in the simulator reads from here. */
export const FAULTS: Record<FaultKind, FaultSpec> = {
  'api-latency': {
    description: 'Public API answers slowly',
    breaks: 'every /api/* answer is delayed by latencyMs',
    fixedBy: 'cache-clear',
    options: z.strictObject({ latencyMs: z.int().min(0).max(60_000).default(450) }),
  },
  'api-errors': {
    description: 'Public API answers with server errors',
    breaks: 'every /api/* answers with the given status',
    fixedBy: 'workers-restart',
    options: z.strictObject({ status: z.int().min(400).max(599).default(500) }),
  },
  'api-timeout': {
    description: 'Public API stops answering',
    breaks: 'every /api/* request is held until the fault is lifted or the client leaves',
    fixedBy: 'workers-restart',
    options: noOptions,
  },
  'worker-stall': {
    description: 'Background workers are stuck',
    breaks: 'registrations, DNI validation and MercadoPago linking mostly fail',
    fixedBy: 'workers-restart',
    options: noOptions,
    rates: { registrations: 0.4, dni_validation: 0.4, mp_linking: 0.4 },
  },
  'db-pool-exhausted': {
    description: 'Database connection pool is exhausted',
    breaks: '/api/db/health reports disconnected with the pool full; /api/bookings answers 503',
    fixedBy: 'db-pool-reset',
    options: noOptions,
  },
  'slow-queries': {
    description: 'Database queries run slowly',
    breaks: '/api/db/health query time near queryTimeMs and slow queries piling up',
    fixedBy: 'db-terminate-slow-queries',
    options: z.strictObject({ queryTimeMs: z.int().min(1).max(60_000).default(1500) }),
  },
  'gateway-down': {
    description: 'Primary payment gateway is down',
    breaks: 'MercadoPago and card payments mostly fail; MercadoPago status page shows major',
    fixedBy: 'payments-failover',
    options: noOptions,
    rates: { mercadopago: 0.3, credit: 0.3, debit: 0.3 },
  },
  'payment-failures': {
    description: 'Payments fail more often than usual',
    breaks: 'payment success near 80 % for every method',
    fixedBy: 'payments-retry-failed',
    options: noOptions,
    rates: { mercadopago: 0.8, credit: 0.8, debit: 0.8, cash: 0.8 },
  },
  'booking-conflicts': {
    description: 'Schedules conflict and bookings are refused',
    breaks: 'booking success near 75 %',
    fixedBy: 'bookings-resolve-conflicts',
    options: noOptions,
    rates: { bookings: 0.75 },
  },
  'dependency-outage': {
    description: 'Notification provider is down',
    breaks: 'notifications status page shows major_outage and its ping answers 503',
    fixedBy: null,
    options: noOptions,
  },
  'websocket-drop': {
    description: 'Real-time connections are dropped',
    breaks: '/ws accepts connections and closes them without echoing',
    fixedBy: 'workers-restart',
    options: noOptions,
  },
};

/** The fault kinds a remediation lifts, in table order. */
export function kindsFixedBy(action: RemediationAction): FaultKind[] {
  return FAULT_KINDS.filter((kind) => FAULTS[kind].fixedBy === action);
}
