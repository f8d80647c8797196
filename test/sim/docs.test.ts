import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIM_ERROR_CODES } from '../../src/sim/errors.js';
import { FAULT_KINDS, FAULTS, REMEDIATIONS } from '../../src/sim/index.js';

const doc = readFileSync(new URL('../../docs/simulator.md', import.meta.url), 'utf8');
const faultRow = (kind: string) => doc.split('\n').find((line) => line.startsWith(`| \`${kind}\``));

describe('docs/simulator.md', () => {
  it.each(Object.keys(SIM_ERROR_CODES))('documents error code %s', (code) => {
    expect(doc).toContain(`| \`${code}\` |`);
  });

  it.each(FAULT_KINDS)('documents fault %s with the remediation that fixes it', (kind) => {
    const path = REMEDIATIONS.find((r) => r.action === FAULTS[kind].fixedBy)?.path;
    expect(faultRow(kind)).toContain(path ?? `DELETE /admin/faults/${kind}`);
  });

  it.each(REMEDIATIONS.map((r) => [r.path, r.action]))('documents %s as %s', (path, action) => {
    expect(doc).toContain(`| \`POST ${path}\` | \`${action}\` |`);
  });
});
