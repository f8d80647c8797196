/** Reads `a.b.0.c` from parsed JSON; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/**
 * A value read from JSON, kept so that it can be shown in any language: a number as a number
 * (each locale formats it), anything else as its JSON text, nothing when it is missing.
 */
export function jsonFact(value: unknown): number | string | undefined {
  return typeof value === 'number' ? value : JSON.stringify(value);
}
