import { GuardiaError } from '../core/errors.js';
import { defineCatalog, type Locale } from '../i18n/locale.js';
import type { Runbook } from './schema.js';
import type { ParamValue } from './template.js';

const t = defineCatalog({
  en: {
    notKeyValue: '"{word}" is not key=value',
    incident: 'incident must be a number, got "{value}"',
    unknown: 'unknown parameter "{key}"',
    required: 'parameter "{name}" is required',
    number: '"{name}" must be a number',
    boolean: '"{name}" must be true or false',
    pattern: '"{name}" must match {pattern}',
    oneOf: '"{name}" must be one of {values}',
  },
  'es-AR': {
    notKeyValue: '"{word}" no es clave=valor',
    incident: 'incident tiene que ser un número, no "{value}"',
    unknown: 'el parámetro "{key}" no existe',
    required: 'falta el parámetro "{name}"',
    number: '"{name}" tiene que ser un número',
    boolean: '"{name}" tiene que ser true o false',
    pattern: '"{name}" tiene que cumplir {pattern}',
    oneOf: '"{name}" tiene que ser uno de {values}',
  },
});

export interface ParsedRunArgs {
  params: Record<string, ParamValue>;
  dryRun: boolean;
  incidentId: number | undefined;
}

/**
 * `key=value` words, `--dry-run`, and the reserved `incident=N` (buttons carry it). Values are
 * checked against the runbook's parameter schema; every problem is named.
 */
export function parseRunArgs(
  runbook: Runbook,
  words: readonly string[],
  locale: Locale = 'en',
): ParsedRunArgs {
  const say = (key: Parameters<typeof t>[1], params: Record<string, string>) =>
    t(locale, key, params);
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
      problems.push(say('notKeyValue', { word }));
      continue;
    }
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1);
    if (key === 'incident') {
      const digits = /^#?(\d{1,15})$/.exec(value)?.[1];
      if (digits !== undefined && Number(digits) > 0) incidentId = Number(digits);
      else problems.push(say('incident', { value }));
    } else raw[key] = value;
  }
  const params: Record<string, ParamValue> = {};
  for (const key of Object.keys(raw)) {
    if (!(key in runbook.params)) problems.push(say('unknown', { key }));
  }
  for (const [name, spec] of Object.entries(runbook.params)) {
    const given = raw[name];
    if (given === undefined) {
      if (spec.default !== undefined) params[name] = spec.default;
      else if (spec.required) problems.push(say('required', { name }));
      continue;
    }
    let value: ParamValue = given;
    if (spec.type === 'number') {
      value = Number(given);
      if (!Number.isFinite(value)) problems.push(say('number', { name }));
    } else if (spec.type === 'boolean') {
      if (given !== 'true' && given !== 'false') problems.push(say('boolean', { name }));
      value = given === 'true';
    } else if (spec.pattern && !new RegExp(`^(?:${spec.pattern})$`).test(given)) {
      problems.push(say('pattern', { name, pattern: spec.pattern }));
    }
    if (spec.enum && !spec.enum.includes(value)) {
      problems.push(say('oneOf', { name, values: spec.enum.join(', ') }));
    }
    params[name] = value;
  }
  if (problems.length > 0) {
    throw new GuardiaError('RUNBOOK_PARAMS', `${runbook.id}: ${problems.join('; ')}`, { problems });
  }
  return { params, dryRun, incidentId };
}
