import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { formatPath } from '../config/load.js';
import { type Runbook, runbookSchema } from './schema.js';

export interface RunbookProblem {
  file: string;
  path: string;
  message: string;
}

export interface LoadedRunbooks {
  dir: string;
  runbooks: Runbook[];
  problems: RunbookProblem[];
}

/** The runbooks shipped with guardia, next to `config/` at the package root. */
const BUNDLED_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runbooks');

/** `dir` relative to the working directory; the bundled folder when that does not exist. */
export function runbookDir(dir: string, cwd = process.cwd()): string {
  const wanted = isAbsolute(dir) ? dir : resolve(cwd, dir);
  return existsSync(wanted) || isAbsolute(dir) ? wanted : BUNDLED_DIR;
}

/** Parses and validates one runbook file's text; problems carry their path. */
export function parseRunbook(file: string, text: string): Runbook | RunbookProblem[] {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return doc.errors.map((e) => ({
      file,
      path: e.linePos ? `line ${e.linePos[0].line}` : '(file)',
      message: e.message.split('\n')[0] ?? e.message,
    }));
  }
  const parsed = runbookSchema.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  return parsed.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message }));
}

/**
 * Loads every `*.yml`/`*.yaml` in `dir`. A broken file is reported and left out; the others
 * still load, so one typo does not take every remediation away during an incident.
 */
export function loadRunbooks(dir: string): LoadedRunbooks {
  const out: LoadedRunbooks = { dir, runbooks: [], problems: [] };
  if (!existsSync(dir)) {
    out.problems.push({ file: dir, path: '(folder)', message: 'folder not found' });
    return out;
  }
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const seen = new Map<string, string>();
  for (const name of files) {
    const file = join(dir, name);
    const result = parseRunbook(name, readFileSync(file, 'utf8'));
    if (Array.isArray(result)) {
      out.problems.push(...result);
      continue;
    }
    const first = seen.get(result.id);
    if (first) {
      out.problems.push({
        file: name,
        path: 'id',
        message: `"${result.id}" is already used by ${first}`,
      });
      continue;
    }
    seen.set(result.id, name);
    out.runbooks.push(result);
  }
  return out;
}
