import { GuardiaError } from '../core/errors.js';
import type { Runbook } from './schema.js';
import type { ParamValue } from './template.js';

export interface ParsedRunArgs {
  params: Record<string, ParamValue>;
  dryRun: boolean;
  incidentId: number | undefined;
}

/**
 * `key=value` words, `--dry-run`, and the reserved `incident=N` (buttons carry it). Values are
 * checked against the runbook's parameter schema; every problem is named.
 */
export function parseRunArgs(runbook: Runbook, words: readonly string[]): ParsedRunArgs {
  const raw: Record<string, string> = {};
  let dryRun = false;
  let incidentId: number | undefined;
  const problems: string[] = [];
  for (const word of words) {
    if (word === '--dry-run' || word === 'dry-run') {
      dryRun = true;
      continue;
    }
    const eq = word.indexOf('=');
    if (eq <= 0) {
      problems.push(`"${word}" is not key=value`);
      continue;
    }
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (key === 'incident') {
      const n = Number(value.replace(/^#/, ''));
      if (Number.isInteger(n) && n > 0) incidentId = n;
      else problems.push(`incident must be a number, got "${value}"`);
    } else raw[key] = value;
  }
  const params: Record<string, ParamValue> = {};
  for (const key of Object.keys(raw)) {
    if (!(key in runbook.params)) problems.push(`unknown parameter "${key}"`);
  }
  for (const [name, spec] of Object.entries(runbook.params)) {
    const given = raw[name];
    if (given === undefined) {
      if (spec.default !== undefined) params[name] = spec.default;
      else if (spec.required) problems.push(`parameter "${name}" is required`);
      continue;
    }
    let value: ParamValue = given;
    if (spec.type === 'number') {
      value = Number(given);
      if (!Number.isFinite(value)) problems.push(`"${name}" must be a number`);
    } else if (spec.type === 'boolean') {
      if (given !== 'true' && given !== 'false') problems.push(`"${name}" must be true or false`);
      value = given === 'true';
    } else if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(given)) {
      problems.push(`"${name}" must match ${spec.pattern}`);
    }
    if (spec.enum && !spec.enum.includes(value)) {
      problems.push(`"${name}" must be one of ${spec.enum.join(', ')}`);
    }
    params[name] = value;
  }
  if (problems.length > 0) {
    throw new GuardiaError('RUNBOOK_PARAMS', `${runbook.id}: ${problems.join('; ')}`, { problems });
  }
  return { params, dryRun, incidentId };
}
