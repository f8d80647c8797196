import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir: string;

function checkConfig(file: string) {
  return spawnSync(process.execPath, ['dist/cli.js', 'check-config', file], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  dir = mkdtempSync(join(tmpdir(), 'guardia-check-'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guardia check-config', () => {
  it('prints every problem with its path and exits 2', () => {
    const file = join(dir, 'bad.yml');
    writeFileSync(
      file,
      [
        'targets:',
        '  - { id: a, url: http://127.0.0.1:1/ }',
        '  - { id: b, url: http://127.0.0.1:1/, timeout: later }',
        '  - { id: c, url: nope }',
        'sever: { port: 80 }',
      ].join('\n'),
    );
    const run = checkConfig(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('3 problems (CONFIG_INVALID)');
    expect(run.stderr).toContain('targets[2].url:');
    expect(run.stderr).toContain('targets[1].timeout:');
    expect(run.stderr).toContain('sever: unknown setting');
  });

  it('fails on a broken runbook file and on a page to an unknown manager, warns on unknown monitors', () => {
    const runbooks = join(dir, 'runbooks');
    mkdirSync(runbooks, { recursive: true });
    writeFileSync(join(runbooks, 'broken.yml'), 'id: broken\ntitle: [unclosed\n');
    writeFileSync(
      join(runbooks, 'ok.yml'),
      [
        'id: ok-one',
        'title: { en: Ok, es-AR: Ok }',
        'steps:',
        '  - { type: verify, monitor: nowhere, within: 10s }',
      ].join('\n'),
    );
    const file = join(dir, 'refs.yml');
    writeFileSync(
      file,
      [
        'targets: [{ id: a, url: http://127.0.0.1:1/ }]',
        `runbooks: { dir: ${runbooks} }`,
        'incidents:',
        '  escalation: [{ action: page, after: 1m, manager: nobody }]',
        '  dependsOn: { ghost: [a], a: [no-such-monitor] }',
      ].join('\n'),
    );
    const run = checkConfig(file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('incidents.escalation[0].manager: no manager "nobody"');
    expect(run.stderr).toContain('incidents.dependsOn.ghost: no monitor "ghost"');
    expect(run.stderr).toContain('incidents.dependsOn.a[0]: no monitor "no-such-monitor"');
    expect(run.stderr).toContain('runbooks: broken.yml');
  });

  it('exits 0 with a summary for a good file', () => {
    const run = checkConfig('config/guardia.example.yml');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /is valid: 8 targets, 11 other monitors, 3 channels, 1 manager, time zone America\/Argentina/,
    );
  });

  it('warns about a file that monitors nothing', () => {
    const file = join(dir, 'empty.yml');
    writeFileSync(file, '# nothing yet\n');
    const run = checkConfig(file);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(
      'warning: no targets and no monitors: guardia would watch nothing',
    );
    expect(run.stdout).toContain('is valid: 0 targets, 0 other monitors');
  });

  it('exits 2 naming a file that does not exist', () => {
    const run = checkConfig(join(dir, 'missing.yml'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('file not found');
  });
});
