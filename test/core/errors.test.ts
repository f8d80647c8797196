import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCodes, GuardiaError, isGuardiaError } from '../../src/core/errors.js';

const DOC = readFileSync(new URL('../../docs/troubleshooting.md', import.meta.url), 'utf8');

/** `## CODE` sections of the troubleshooting page, with their text. */
function sections(): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of DOC.split(/^## /m).slice(1)) {
    const [heading = '', ...body] = part.split('\n');
    found.set(heading.trim(), body.join('\n'));
  }
  return found;
}

describe('error codes', () => {
  it.each(Object.keys(ErrorCodes))('%s has a troubleshooting section', (code) => {
    const body = sections().get(code);
    expect(body, `docs/troubleshooting.md needs "## ${code}"`).toBeDefined();
    expect(body).toMatch(/\*\*What it means\*\*/);
    expect(body).toMatch(/\*\*What to check\*\*/);
    expect(body).toMatch(/\*\*How to fix\*\*/);
  });

  it('documents no code that does not exist', () => {
    const codes = [...sections().keys()].filter((h) => /^[A-Z][A-Z_]+$/.test(h));
    expect(codes.filter((c) => !(c in ErrorCodes))).toEqual([]);
  });

  it('shows people the message and its code', () => {
    const err = new GuardiaError('PROBE_TIMEOUT', 'no answer within 2000 ms', { target: 'api' });
    expect(err.toUserText()).toBe('no answer within 2000 ms (PROBE_TIMEOUT)');
    expect(isGuardiaError(err)).toBe(true);
    expect(isGuardiaError(new Error('x'))).toBe(false);
  });
});
