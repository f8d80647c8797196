import type { AlertRecord } from '../alerts/store.js';
import type { SummarySnapshot, TargetRow } from './snapshot.js';

/** What a summary remembers of the previous one of its kind. */
export interface SummaryState {
  at: number;
  /** Ids of targets failing (or with an open alert) at that time. */
  failing: string[];
}

export type Change =
  | { type: 'opened' | 'resolved'; alert: AlertRecord; name: string }
  | { type: 'failing' | 'recovered'; row: TargetRow };

export function stateOf(snapshot: SummarySnapshot): SummaryState {
  const rows = [...snapshot.endpoints, ...snapshot.rates, ...snapshot.others];
  return {
    at: snapshot.now,
    failing: rows.filter((r) => r.alert || r.ok === false).map((r) => r.target.id),
  };
}

/**
 * Alerts opened or resolved since the previous summary, and targets that started or stopped
 * failing without an alert changing. `recent` are alerts touched since `previous.at`.
 */
export function changesSince(
  previous: SummaryState | undefined,
  snapshot: SummarySnapshot,
  recent: readonly AlertRecord[],
): Change[] {
  if (!previous) return [];
  const rows = [...snapshot.endpoints, ...snapshot.rates, ...snapshot.others];
  const nameOf = new Map(rows.map((r) => [r.target.id, r.target.name]));
  const changes: Change[] = [];
  const alerted = new Set<string>();
  for (const alert of [...recent].sort((a, b) => a.id - b.id)) {
    const name = nameOf.get(alert.targetId) ?? alert.targetId;
    alerted.add(alert.targetId);
    if (alert.openedAt > previous.at) changes.push({ type: 'opened', alert, name });
    if (alert.resolvedAt !== undefined && alert.resolvedAt > previous.at) {
      changes.push({ type: 'resolved', alert, name });
    }
  }
  const before = new Set(previous.failing);
  const now = new Set(stateOf(snapshot).failing);
  for (const row of rows) {
    if (alerted.has(row.target.id)) continue;
    const id = row.target.id;
    if (now.has(id) && !before.has(id)) changes.push({ type: 'failing', row });
    if (!now.has(id) && before.has(id)) changes.push({ type: 'recovered', row });
  }
  return changes;
}
