import { describe, expect, it } from 'vitest';
import { statusDoc } from '../../../src/bot/messages/status.js';
import type { TargetStatus } from '../../../src/monitors/runner.js';
import type { CheckResult, TargetInfo } from '../../../src/monitors/types.js';

const NOW = Date.UTC(2026, 11, 3, 15, 0);

function target(id: string, unit: TargetInfo['unit']): TargetInfo {
  return {
    id,
    name: id,
    kind: 'x',
    intervalMs: 1000,
    severity: 'critical',
    channelKey: 'alerts',
    unit,
    window: 50,
  };
}

function status(t: TargetInfo, result: CheckResult | undefined, avg?: number): TargetStatus {
  return {
    target: t,
    last: result ? { at: NOW, result } : undefined,
    stats: { count: 4, failures: 0, errorRate: 0, avg, p95: avg, min: avg, max: avg },
  };
}

function lines(targets: TargetStatus[]): string {
  const doc = statusDoc('en', { targets, openAlerts: [], now: NOW });
  return doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
}

describe('statusDoc', () => {
  it.each([
    [
      'a latency target',
      status(target('api', 'ms'), { ok: true, value: 1.5 }, 2),
      'last 1.5 ms · avg 2 ms',
    ],
    [
      'a rate with too few attempts',
      status(target('pay', 'ratio'), {
        ok: true,
        inconclusive: true,
        detail: { attempts: 7, windowMs: 120_000, insufficient: true },
      }),
      '⚪ *pay* — not enough data to judge\nnot enough data (7 attempts in 2 min)',
    ],
    [
      'a rate with its sample',
      status(target('pay', 'ratio'), {
        ok: true,
        value: 0.991,
        detail: { attempts: 412, windowMs: 300_000 },
      }),
      'rate 99.1% · 412 attempts in 5 min',
    ],
    [
      'a check without values',
      status(target('up', 'ratio'), { ok: true }),
      'errors 0.0% over the last 4 checks',
    ],
    [
      'uptime before its minimum of checks',
      status(target('uptime', 'ratio'), {
        ok: true,
        inconclusive: true,
        detail: { because: 'fewChecks', insufficient: true, minSamples: 100 },
      }),
      '⚪ *uptime* — not enough data to judge\nnot enough data (fewer than 100 checks in 24 h)',
    ],
    [
      'a rate below its threshold within noise',
      status(target('reg', 'ratio'), {
        ok: true,
        inconclusive: true,
        value: 0.875,
        detail: { because: 'withinNoise', attempts: 40, windowMs: 300_000, threshold: 0.9 },
      }),
      '87.5% (below 90%) over only 40 attempts in 5 min: too few to tell a drop from chance',
    ],
    [
      'uptime, as one figure over every endpoint',
      status(
        { ...target('uptime', 'ratio'), kind: 'uptime' },
        {
          ok: true,
          value: 0.9995,
          detail: {
            target: 0.999,
            targets: { a: { checks24h: 2880 }, b: { checks24h: 1440 } },
          },
        },
        0.9995,
      ),
      'worst 24 h uptime 99.95% (target 99.9%) · 2 endpoints, 4,320 checks in 24 h',
    ],
    ['a target not checked yet', status(target('new', 'ms'), undefined), 'no checks yet'],
  ])('shows %s with the sample it comes from', (_name, s, expected) => {
    expect(lines([s])).toContain(expected);
  });
});

describe('statusDoc headline', () => {
  it('is not green while a target fails, even before any alert opened', () => {
    const doc = statusDoc('en', {
      targets: [
        status(target('api', 'ms'), { ok: true, value: 1 }, 1),
        status(target('web', 'ms'), { ok: false, reason: 'status 503' }, 1),
      ],
      openAlerts: [],
      now: NOW,
    });
    expect(doc.tone).toBe('warning');
    expect(doc.text).toContain('1 of 2');
  });

  it('shows a target whose alert is still open after a good check as recovering, not healthy', () => {
    const doc = statusDoc('en', {
      targets: [status(target('api', 'ms'), { ok: true, value: 1 }, 1)],
      openAlerts: [
        {
          id: 1,
          targetId: 'api',
          kind: 'http',
          severity: 'critical',
          status: 'open',
          reason: 'status 503',
          openedAt: NOW - 31_000,
          resolvedAt: undefined,
          lastNotifiedAt: NOW,
          reminders: 0,
          cause: undefined,
        },
      ],
      now: NOW,
    });
    const text = doc.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(doc.text).toContain('0 of 1 targets healthy');
    expect(text).toContain('🟡 *api* — recovering: the last check passed');
    expect(text).toContain('alert open for 31 s');
  });
});
