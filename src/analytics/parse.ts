import { parse as parseCsv } from 'csv-parse/sync';

/** One record read from a batch, before validation: where it was and what it held. */
export interface RawRecord {
  /** 1-based line in NDJSON and CSV; 1-based item number in a JSON array. */
  line: number;
  value?: unknown;
  /** Set when the record could not even be read (broken JSON). */
  error?: string;
}

export type BatchFormat = 'json' | 'ndjson' | 'csv';

/** A JSON array when the body starts with `[`, NDJSON otherwise. */
export function sniffFormat(text: string): BatchFormat {
  return text.trimStart().startsWith('[') ? 'json' : 'ndjson';
}

export function readBatch(text: string, format: BatchFormat = sniffFormat(text)): RawRecord[] {
  if (format === 'csv') return readCsv(text);
  if (format === 'json') return readJsonArray(text);
  return readNdjson(text);
}

function readJsonArray(text: string): RawRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return [{ line: 1, error: `the body is not valid JSON: ${(err as Error).message}` }];
  }
  if (!Array.isArray(parsed)) return [{ line: 1, error: 'expected a JSON array of events' }];
  return parsed.map((value, i) => ({ line: i + 1, value }));
}

function readNdjson(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (!raw) continue;
    try {
      records.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (err) {
      records.push({ line: i + 1, error: `not valid JSON: ${(err as Error).message}` });
    }
  }
  return records;
}

/** Columns that hold numbers in a CSV export; everything else stays text. */
const NUMERIC = new Set(['installments', 'amountArs']);

/**
 * A CSV export with a header row naming the event fields. Empty cells are absent fields, and
 * `at` may be epoch milliseconds or an ISO date-time.
 */
function readCsv(text: string): RawRecord[] {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parseCsv(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      bom: true,
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return [{ line, error: `not valid CSV: ${(err as Error).message}` }];
  }
  return rows.map(({ record, info }) => {
    const value: Record<string, string | number> = {};
    for (const [key, cell] of Object.entries(record)) {
      if (cell === '') continue;
      const numeric = NUMERIC.has(key) || (key === 'at' && /^\d+$/.test(cell));
      value[key] = numeric && Number.isFinite(Number(cell)) ? Number(cell) : cell;
    }
    return { line: info.lines, value };
  });
}
