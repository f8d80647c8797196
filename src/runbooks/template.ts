import { GuardiaError } from '../core/errors.js';

export type ParamValue = string | number | boolean;

export interface TemplateScope {
  env: Readonly<Record<string, string>>;
  params: Readonly<Record<string, ParamValue>>;
}

const REF = /\$\{(params\.)?([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Fills `${params.name}`, `${ENV_NAME}` and `${ENV_NAME:-default}`. A reference that has no
 * value and no default is an error naming it, never an empty string sent to an admin API.
 */
export function fillTemplate(text: string, scope: TemplateScope): string {
  return text.replace(
    REF,
    (_whole, isParam: string | undefined, name: string, fallback?: string) => {
      const value = isParam ? scope.params[name] : scope.env[name];
      if (value !== undefined && value !== '') return String(value);
      if (fallback !== undefined) return fallback;
      throw new GuardiaError(
        'RUNBOOK_PARAMS',
        isParam ? `parameter "${name}" has no value` : `environment variable ${name} is not set`,
        { name },
      );
    },
  );
}

/** For people: parameters filled in, environment references left as written (they may be secrets). */
export function showTemplate(text: string, scope: Pick<TemplateScope, 'params'>): string {
  return text.replace(REF, (whole, isParam: string | undefined, name: string) =>
    isParam && scope.params[name] !== undefined ? String(scope.params[name]) : whole,
  );
}
