import type {
  ActiveFault,
  ComponentStatus,
  Dependency,
  FaultKind,
  StatusSummary,
} from './types.js';

interface PageSpec {
  id: string;
  name: string;
  /** The fault that takes this dependency down. */
  fault: FaultKind;
  incidentName: string;
  /** Each component with the status it shows while the fault is active. */
  components: Array<{ id: string; name: string; whenDown: ComponentStatus }>;
}

const PAGES: Record<Dependency, PageSpec> = {
  mercadopago: {
    id: 'sim-mercadopago',
    name: 'Mercado Pago',
    fault: 'gateway-down',
    incidentName: 'Errors processing payments',
    components: [
      { id: 'mp-payments-api', name: 'Payments API', whenDown: 'major_outage' },
      { id: 'mp-checkout', name: 'Checkout Pro', whenDown: 'partial_outage' },
      { id: 'mp-webhooks', name: 'Webhooks', whenDown: 'degraded_performance' },
      { id: 'mp-point', name: 'Point', whenDown: 'operational' },
    ],
  },
  notifications: {
    id: 'sim-notifications',
    name: 'Notification provider',
    fault: 'dependency-outage',
    incidentName: 'Messages are not being delivered',
    components: [
      { id: 'nt-whatsapp', name: 'WhatsApp messaging', whenDown: 'major_outage' },
      { id: 'nt-sms', name: 'SMS', whenDown: 'major_outage' },
      { id: 'nt-email', name: 'Email', whenDown: 'major_outage' },
    ],
  },
};

/** Whether the dependency is down, for its ping endpoint. */
export function dependencyDown(dependency: Dependency, active: readonly ActiveFault[]): boolean {
  return active.some((f) => f.kind === PAGES[dependency].fault);
}

/** A Statuspage v2 summary for the dependency as the active faults leave it. */
export function buildStatusSummary(
  dependency: Dependency,
  active: readonly ActiveFault[],
  now: string,
): StatusSummary {
  const spec = PAGES[dependency];
  const fault = active.find((f) => f.kind === spec.fault);
  const updatedAt = fault?.since ?? now;
  return {
    page: {
      id: spec.id,
      name: spec.name,
      url: `https://status.example.invalid/${dependency}`,
      time_zone: 'America/Argentina/Buenos_Aires',
      updated_at: updatedAt,
    },
    status: fault
      ? { indicator: 'major', description: 'Partial System Outage' }
      : { indicator: 'none', description: 'All Systems Operational' },
    components: spec.components.map((c) => ({
      id: c.id,
      name: c.name,
      status: fault ? c.whenDown : 'operational',
      updated_at: updatedAt,
    })),
    incidents: fault
      ? [
          {
            id: `sim-${fault.id}`,
            name: spec.incidentName,
            status: 'investigating',
            impact: 'major',
            created_at: fault.since,
            updated_at: fault.since,
          },
        ]
      : [],
  };
}
