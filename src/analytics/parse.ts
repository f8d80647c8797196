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

function csvCells(record: Record<string, string>): Record<string, string | number> {
  const value: Record<string, string | number> = {};
  for (const [key, cell] of Object.entries(record)) {
    if (cell === '') continue;
    const numeric = NUMERIC.has(key) || (key === 'at' && /^\d+$/.test(cell));
    value[key] = numeric && Number.isFinite(Number(cell)) ? Number(cell) : cell;
  }
  return value;
}

const COLUMN_COUNT_ERRORS = new Set([
  'CSV_RECORD_INCONSISTENT_COLUMNS',
  'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH',
]);

interface CsvFailure {
  code: string;
  reason: string;
  /** The line, relative to the parsed text, where the parser gave up. */
  lines: number;
}

function csvFailure(err: unknown): CsvFailure {
  const e = err as { code?: unknown; message?: unknown; lines?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  return {
    code: typeof e.code === 'string' ? e.code : '',
    // The parser's own line number is dropped: we report the line where the record began.
    reason: message.replace(/ (at|on) line \d+.*$/s, ''),
    lines: typeof e.lines === 'number' ? e.lines : 1,
  };
}

/**
 * A CSV export with a header row naming the event fields. Empty cells are absent fields, and
 * `at` may be epoch milliseconds or an ISO date-time.
 *
 * Every record is judged on its own. csv-parse's `skip_records_with_error` is not enough here:
 * after a quoting error it keeps the broken text in its buffer, so later records and their line
 * numbers come out wrong. Instead each pass parses strictly from a known line; when it fails on
 * quoting, the record it was on is reported at its first line and the next pass starts on the
 * line after, since a stray quote may have swallowed the lines that follow it.
 */
function readCsv(input: string): RawRecord[] {
  const lines = input.replace(/^\uFEFF/, '').split('\n');
  let columns: string[];
  try {
    const [header] = parseCsv(lines[0] ?? '', { trim: true }) as string[][];
    columns = header ?? [];
  } catch (err) {
    return [{ line: 1, error: `not valid CSV: ${csvFailure(err).reason}` }];
  }
  if (columns.length === 0) return [{ line: 1, error: 'not valid CSV: the header row is empty' }];
  const records: RawRecord[] = [];
  const firstTextLine = (from: number) => {
    let line = from;
    while (line < lines.length && !lines[line - 1]!.trim()) line++;
    return line;
  };
  let from = 2;
  while (from <= lines.length) {
    const offset = from - 1;
    let next = from;
    try {
      parseCsv(lines.slice(offset).join('\n'), {
        columns,
        skip_empty_lines: true,
        trim: true,
        // A row with the wrong number of cells leaves the parser in a clean state: report it
        // and carry on in the same pass, so a file with many short rows is read once.
        skip_records_with_error: true,
        on_skip: (err: unknown) => {
          const failure = csvFailure(err);
          if (!COLUMN_COUNT_ERRORS.has(failure.code)) throw err;
          records.push({ line: firstTextLine(next), error: `not valid CSV: ${failure.reason}` });
          next = offset + failure.lines + 1;
        },
        on_record: (record: Record<string, string>, context: { lines: number }) => {
          records.push({ line: firstTextLine(next), value: csvCells(record) });
          next = offset + context.lines + 1;
          return null;
        },
      });
      break;
    } catch (err) {
      const failure = csvFailure(err);
      const start = firstTextLine(next);
      records.push({ line: start, error: `not valid CSV: ${failure.reason}` });
      // A quoting error may have pulled the following lines into this record; they get
      // their own judgement, from the line after the one where the record began.
      from = start + 1;
    }
  }
  return records;
}
