// biome-ignore-all lint/suspicious/noTemplateCurlyInString: runbook templates are ${…} strings on purpose
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbooks, runbookDir } from '../../src/runbooks/load.js';
import { parseRunArgs } from '../../src/runbooks/params.js';
import { fillTemplate, showTemplate } from '../../src/runbooks/template.js';

describe('bundled runbooks', () => {
  const loaded = loadRunbooks(runbookDir('runbooks'));

  it('all load, one per remediation of the product brief', () => {
    expect(loaded.problems).toEqual([]);
    expect(loaded.runbooks.map((r) => r.id).sort()).toEqual([
      'clear-api-cache',
      'payment-failover',
      'reset-db-pool',
      'resolve-booking-conflicts',
      'restart-workers',
      'retry-failed-payments',
      'terminate-slow-queries',
    ]);
  });

  it('call the simulator with a token that defaults to its own and verify a monitor', () => {
    for (const r of loaded.runbooks) {
      expect(r.steps[0]).toMatchObject({
        type: 'http',
        headers: { authorization: 'Bearer ${SIM_ADMIN_TOKEN:-sim-admin}' },
      });
      expect(r.steps.at(-1)).toMatchObject({ type: 'verify' });
      expect(r.confirm).toBe(true);
    }
  });
});

describe('loadRunbooks', () => {
  it('reports a broken file with its path and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-'));
    writeFileSync(join(dir, 'bad.yml'), 'id: Bad Id\ntitle: { en: x }\n');
    writeFileSync(
      join(dir, 'ok.yml'),
      'id: ok\ntitle: {en: x, es-AR: x}\ndescription: {en: x, es-AR: x}\nallowed: {users: [console]}\nsteps: [{type: wait, duration: 1s}]\n',
    );
    const loaded = loadRunbooks(dir);
    expect(loaded.runbooks.map((r) => r.id)).toEqual(['ok']);
    expect(loaded.problems.map((p) => `${p.file} ${p.path}`)).toEqual(
      expect.arrayContaining(['bad.yml id', 'bad.yml title.es-AR', 'bad.yml steps']),
    );
  });
});

describe('templates and parameters', () => {
  const scope = { env: { TOKEN: 't0k' }, params: { monitor: 'api-health' } };
  it.each([
    ['Bearer ${TOKEN}', 'Bearer t0k'],
    ['${MISSING:-fallback}', 'fallback'],
    ['check ${params.monitor}', 'check api-health'],
  ])('fills %s', (text, expected) => {
    expect(fillTemplate(text, scope)).toBe(expected);
  });

  it('names a missing variable, and never shows environment values', () => {
    expect(() => fillTemplate('${NOPE}', scope)).toThrow('environment variable NOPE is not set');
    expect(showTemplate('Bearer ${TOKEN} ${params.monitor}', scope)).toBe(
      'Bearer ${TOKEN} api-health',
    );
  });

  it('parses key=value, --dry-run and incident=N against the schema', () => {
    const [runbook] = loadRunbooks(runbookDir('runbooks')).runbooks;
    if (!runbook) throw new Error('no runbook');
    expect(parseRunArgs(runbook, ['monitor=api-auth', '--dry-run', 'incident=3'])).toEqual({
      params: { monitor: 'api-auth' },
      dryRun: true,
      incidentId: 3,
    });
    expect(() => parseRunArgs(runbook, ['color=red', 'monitor=Bad Name', 'oops'])).toThrow(
      /unknown parameter "color".*"monitor" must match/,
    );
    expect(() => parseRunArgs(runbook, ['color=red', 'incident=1e3', 'oops'], 'es-AR')).toThrow(
      /incident tiene que ser un número, no "1e3"; "oops" no es clave=valor; el parámetro "color" no existe/,
    );
  });
});
