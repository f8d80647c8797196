import type { AuditRecord } from './audit-log.js';

const COLUMNS = ['id', 'at', 'actor', 'via', 'action', 'subject', 'params', 'result'] as const;

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV with a header row; `at` as ISO 8601 UTC, `params` as JSON. */
export function auditToCsv(records: readonly AuditRecord[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of records) {
    const cells = [
      String(r.id),
      new Date(r.at).toISOString(),
      r.actor,
      r.via,
      r.action,
      r.subject,
      JSON.stringify(r.params),
      r.result,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON array; `at` in epoch ms plus `atIso` for people. */
export function auditToJson(records: readonly AuditRecord[]): string {
  return `${JSON.stringify(
    records.map((r) => ({ ...r, atIso: new Date(r.at).toISOString() })),
    null,
    2,
  )}\n`;
}
