import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Config, configSchema } from './schema.js';

export interface ConfigProblem {
  /** Where the problem is, e.g. `targets[2].url`, or `(file)` for the file itself. */
  path: string;
  message: string;
}

export type ConfigResult =
  | { ok: true; config: Readonly<Config> }
  | { ok: false; code: 'CONFIG_INVALID' | 'CONFIG_UNREADABLE'; problems: ConfigProblem[] };

/** `targets[2].url` from zod's `['targets', 2, 'url']`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

function issuesToProblems(issues: z.core.$ZodIssue[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key]),
          message: 'unknown setting (check its spelling)',
        });
      }
      continue;
    }
    const problem = { path: formatPath(issue.path), message: issue.message };
    if (!problems.some((p) => isDeepStrictEqual(p, problem))) problems.push(problem);
  }
  return problems;
}

/** Validates an already parsed object; every problem is reported, not only the first. */
export function parseConfig(raw: unknown): ConfigResult {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    return { ok: false, code: 'CONFIG_INVALID', problems: issuesToProblems(result.error.issues) };
  }
  return { ok: true, config: deepFreeze(result.data) };
}

/** Parses YAML text; syntax errors carry their line and column. */
export function parseConfigText(text: string): ConfigResult {
  // Only pretty errors carry `linePos`; their message repeats it and quotes the source, which
  // the path already says, so the message keeps its first clause.
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return {
      ok: false,
      code: 'CONFIG_UNREADABLE',
      problems: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(file)',
        message: (e.message.split('\n')[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, ''),
      })),
    };
  }
  let raw: unknown;
  try {
    raw = doc.toJS();
  } catch (err) {
    // Well-formed YAML can still fail to build: an alias to an anchor never set, or one that
    // expands too far (a "billion laughs" file).
    const message = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      code: 'CONFIG_UNREADABLE',
      problems: [{ path: '(file)', message: message.split('\n')[0] ?? message }],
    };
  }
  return parseConfig(raw);
}

export function loadConfigFile(file: string): ConfigResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String(err);
    return { ok: false, code: 'CONFIG_UNREADABLE', problems: [{ path: file, message: reason }] };
  }
  return parseConfigText(text);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
