import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath, parseConfig, parseConfigText } from '../../src/config/load.js';

const EXAMPLE = new URL('../../config/guardia.example.yml', import.meta.url);

function problems(text: string) {
  const result = parseConfigText(text);
  if (result.ok) throw new Error('expected the config to be invalid');
  return result.problems;
}

describe('the bundled example config', () => {
  it('is valid and monitors the simulator', () => {
    const result = parseConfigText(readFileSync(EXAMPLE, 'utf8'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.simulator.enabled).toBe(true);
    expect(result.config.targets.length).toBeGreaterThan(0);
    expect(result.config.defaults.interval).toBe(5_000);
    expect(Object.isFrozen(result.config.targets[0])).toBe(true);
  });
});

describe('parseConfigText', () => {
  it('reports three mistakes at once, each with its path', () => {
    const found = problems(`
targets:
  - { id: a, url: http://127.0.0.1:1/a }
  - { id: b, url: http://127.0.0.1:1/b, interval: 5 minutes }
  - { id: c, url: not-a-url }
alerting: { failuresToOpen: 3, colour: red }
`);
    expect(found.map((p) => p.path).sort()).toEqual([
      'alerting.colour',
      'targets[1].interval',
      'targets[2].url',
    ]);
    expect(found.find((p) => p.path === 'targets[2].url')?.message).toMatch(/http/);
    expect(found.find((p) => p.path === 'targets[1].interval')?.message).toMatch(/30s/);
    expect(found.find((p) => p.path === 'alerting.colour')?.message).toMatch(/unknown setting/);
  });

  it('gives the line and column of a YAML syntax error', () => {
    const [first] = problems('targets:\n  - id: a\n   url: [x\n');
    expect(first?.path).toBe('line 3, column 1');
    expect(first?.message).not.toMatch(/line \d/);
  });

  it('reports an alias to an anchor that is never set, and an alias bomb, without throwing', () => {
    const result = parseConfigText('a: &x 1\nb: *y\n');
    expect(result).toMatchObject({ ok: false, code: 'CONFIG_UNREADABLE' });
    expect(result.ok ? [] : result.problems).toEqual([
      { path: '(file)', message: expect.stringMatching(/^Unresolved alias/) },
    ]);
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const n of 'bcdefghij')
      laughs.push(
        `${n}: &${n} [${Array(10)
          .fill(`*${String.fromCharCode(n.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    const bomb = parseConfigText(laughs.join('\n'));
    expect(bomb).toMatchObject({ ok: false, code: 'CONFIG_UNREADABLE' });
  });

  it('reports duplicate target ids and unknown channels next to other mistakes', () => {
    const found = problems(`
channels: { alerts: {} }
targets:
  - { id: api, url: http://127.0.0.1:1/a }
  - { id: api, url: http://127.0.0.1:1/b, channel: pager }
  - { id: c, url: ftp://x }
`);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'targets[1].id', message: '"api" is already the id of targets[0]' },
        expect.objectContaining({ path: 'targets[1].channel' }),
        expect.objectContaining({ path: 'targets[2].url' }),
      ]),
    );
    expect(found.find((p) => p.path === 'targets[1].channel')?.message).toMatch(
      /no channel "pager".*known: alerts/,
    );
  });

  it('reports an alerting channel that does not exist', () => {
    const found = problems('channels: { team: {} }\nalerting: { channel: alerts }\n');
    expect(found).toEqual([expect.objectContaining({ path: 'alerting.channel' })]);
  });

  it('accepts a minimal file: one target, everything else defaulted', () => {
    const result = parseConfigText('targets:\n  - { id: mine, url: http://127.0.0.1:8080/ }\n');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.timezone).toBe('America/Argentina/Buenos_Aires');
    expect(result.config.alerting).toMatchObject({ failuresToOpen: 3, successesToResolve: 2 });
    expect(Object.keys(result.config.channels)).toEqual(['alerts']);
  });

  it('treats an empty file as all defaults', () => {
    expect(parseConfigText('').ok).toBe(true);
    expect(parseConfig(null).ok).toBe(true);
  });
});

describe('formatPath', () => {
  it.each([
    [['targets', 2, 'url'], 'targets[2].url'],
    [['alerting'], 'alerting'],
    [[], '(root)'],
  ])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });
});
