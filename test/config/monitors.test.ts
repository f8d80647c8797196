import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { minAttemptsFor } from '../../src/config/monitors.js';

const channels = { alerts: {}, team: {}, exec: {} };

describe('monitors:, summaries: and retention: config', () => {
  it('fills the launch-plan defaults', () => {
    const result = parseConfig({ channels });
    if (!result.ok) throw new Error('expected a valid config');
    const c = result.config;
    expect(c.monitors.defaults).toEqual({
      rateInterval: 60_000,
      rateWindow: 300_000,
      rateConfidence: 0.95,
      interval: 30_000,
    });
    expect(c.monitors.uptime.target).toBe(0.999);
    expect(c.summaries.team.schedule).toBe('*/5 * * * *');
    expect(c.summaries.exec.schedule).toBe('*/15 * * * *');
    expect(c.retention.samples).toBe(3 * 86_400_000);
  });

  it.each([
    [0.98, 100],
    [0.95, 40],
    [0.9, 20],
    [0.5, 20],
  ])('derives the minimum attempts of a rate alerting below %s: %s', (below, expected) => {
    expect(minAttemptsFor(below)).toBe(expected);
  });

  it('accepts percentages and both counter sources', () => {
    const result = parseConfig({
      channels,
      monitors: {
        rates: [
          {
            id: 'a',
            from: 'json',
            url: 'http://x/m',
            attempts: 'a.n',
            failures: 'a.f',
            below: '95%',
          },
          { id: 'b', from: 'prometheus', url: 'http://x/m', metric: 'p_total', below: 0.98 },
        ],
      },
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.config.monitors.rates.map((r) => r.below)).toEqual([0.95, 0.98]);
  });

  it('reports every problem with its path', () => {
    const result = parseConfig({
      channels,
      targets: [{ id: 'api', url: 'http://x/' }],
      monitors: {
        rates: [
          { id: 'api', from: 'json', url: 'http://x/m', attempts: 'a', below: '120%' },
          {
            id: 'b',
            from: 'json',
            url: 'http://x/m',
            attempts: 'a',
            failures: 'f',
            below: 0.9,
            confidence: '100%',
          },
          { id: 'c', from: 'graphite', url: 'http://x' },
        ],
        websockets: [{ id: 'ws', url: 'http://x/ws', channel: 'nope' }],
      },
      summaries: { team: { schedule: 'every 5 min', channel: 'ops' } },
      retention: { samples: 'forever' },
    });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'monitors.rates[0].below',
        'monitors.rates[1].confidence',
        'monitors.rates[2].from',
        'monitors.websockets[0].url',
        'summaries.team.schedule',
        'retention.samples',
      ]),
    );
  });

  it('checks ids and channels across sections once the shapes are valid', () => {
    const result = parseConfig({
      channels,
      targets: [{ id: 'api', url: 'http://x/' }],
      monitors: {
        rates: [
          { id: 'api', from: 'json', url: 'http://x/m', attempts: 'a', successes: 'b', below: 0.9 },
        ],
        websockets: [{ id: 'ws', url: 'ws://x/ws', channel: 'nope' }],
      },
      summaries: { exec: { schedule: '*/15 * * * *', channel: 'board' } },
    });
    const paths = result.ok ? [] : result.problems.map((p) => p.path);
    expect(paths).toEqual([
      'monitors.rates[0].id',
      'monitors.websockets[0].channel',
      'summaries.exec.channel',
    ]);
  });
});
