import { anyGlob } from '../incidents/glob.js';
import type { IncidentRecord } from '../incidents/store.js';
import type { Runbook } from './schema.js';
import type { ParamValue } from './template.js';

type AlertTarget = { targetId: string; open: boolean };

/**
 * The target a run for this incident must heal: the failing one the runbook's
 * `suggestFor`/`autoFor` targets match, else the first still failing, else the incident's own.
 * The incident's main target (its probable cause) goes first when it is still failing.
 */
export function incidentTarget(
  runbook: Runbook,
  incident: IncidentRecord,
  targets: readonly AlertTarget[],
): string {
  const open = targets
    .filter((t) => t.open)
    .map((t) => t.targetId)
    .sort((a, b) => Number(b === incident.targetId) - Number(a === incident.targetId));
  const globs = [...(runbook.suggestFor?.targets ?? []), ...(runbook.autoFor?.targets ?? [])];
  const matched = globs.length > 0 ? open.find((id) => anyGlob(globs, id)) : undefined;
  return matched ?? open[0] ?? incident.targetId;
}

/**
 * The `monitor` parameter a run verifies, filled from the incident when the caller did not
 * name one: a runbook's default monitor is a guess made without knowing the incident.
 */
export function withIncidentMonitor(
  runbook: Runbook,
  params: Record<string, ParamValue>,
  given: ReadonlySet<string>,
  incident: IncidentRecord | undefined,
  targets: readonly AlertTarget[],
): Record<string, ParamValue> {
  if (!incident || !('monitor' in runbook.params) || given.has('monitor')) return params;
  return { ...params, monitor: incidentTarget(runbook, incident, targets) };
}

/** Whose figures a run's verdict shows: the monitor it verified when that is the incident's. */
export function verdictTarget(
  params: Readonly<Record<string, ParamValue>>,
  incident: IncidentRecord,
  targets: readonly AlertTarget[],
): string {
  const monitor = params.monitor;
  const own = typeof monitor === 'string' && targets.some((t) => t.targetId === monitor);
  return own ? monitor : incident.targetId;
}
