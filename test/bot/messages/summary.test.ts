import { describe, expect, it } from 'vitest';
import {
  renderSlackMessage,
  renderSlackView,
  SLACK_LIMITS,
} from '../../../src/adapters/slack/render.js';
import type { AlertRecord } from '../../../src/alerts/store.js';
import { dashboardDoc } from '../../../src/bot/messages/dashboard.js';
import { execSummaryDoc } from '../../../src/bot/messages/summary-exec.js';
import { teamSummaryDoc } from '../../../src/bot/messages/summary-team.js';
import type { SummarySnapshot, TargetRow } from '../../../src/summaries/snapshot.js';
import { target } from '../../summaries/fixtures.js';

const NOW = Date.UTC(2026, 2, 2, 15, 0);

function row(id: string, kind: string, ok: boolean, extra: Partial<TargetRow> = {}): TargetRow {
  return {
    target: {
      ...target(id, kind, kind === 'rate' ? 'ratio' : 'ms'),
      name: `${id} <b>*x*</b> & co`,
    },
    ok,
    reason: ok ? undefined : 'status 503, expected 200',
    result: undefined,
    value: kind === 'rate' ? 0.97 : 12,
    insufficient: false,
    period: { count: 10, failures: ok ? 0 : 10, avg: 12 },
    uptime24h: { ratio: 0.9995, count: 2880 },
    alert: undefined,
    ...(kind === 'rate'
      ? { rate: { attempts: 412, windowMs: 300_000, threshold: 0.98, insufficient: false } }
      : {}),
    ...extra,
  };
}

function alert(id: number, targetId: string): AlertRecord {
  return {
    id,
    targetId,
    kind: 'http',
    severity: 'critical',
    status: 'open',
    reason: 'x'.repeat(400),
    openedAt: NOW - 60_000,
    resolvedAt: undefined,
    lastNotifiedAt: NOW,
    reminders: 0,
    cause: undefined,
  };
}

function snapshot(endpoints: number, rates: number, alerts: number): SummarySnapshot {
  const ep = Array.from({ length: endpoints }, (_, i) => row(`api-${i}`, 'http', i % 3 !== 0));
  return {
    now: NOW,
    periodMs: 300_000,
    endpoints: ep,
    rates: Array.from({ length: rates }, (_, i) => row(`rate-${i}`, 'rate', i % 2 === 0)),
    others: [row('db', 'database', true), row('ws', 'websocket', false)],
    openAlerts: Array.from({ length: alerts }, (_, i) => alert(i + 1, `api-${i}`)),
    incidents24h: [],
    incidentCounts: undefined,
    trend: { lastHour: { count: 1000, failures: 20 }, previousHour: { count: 1000, failures: 5 } },
    uptimeTarget: 0.999,
  };
}

const sizes: Array<[string, number, number, number]> = [
  ['a small fleet', 5, 7, 1],
  ['a thousand targets and hundreds of alerts', 1000, 200, 300],
];

describe('summary builders within Slack limits', () => {
  it.each(sizes)('%s', (_name, endpoints, rates, alerts) => {
    const snap = snapshot(endpoints, rates, alerts);
    const docs = [
      [
        'message',
        teamSummaryDoc('en', { snapshot: snap, changes: [], timeZone: 'UTC', nextInMs: 300_000 }),
      ],
      ['message', execSummaryDoc('es-AR', { snapshot: snap, timeZone: 'UTC' })],
      ['view', dashboardDoc('en', { snapshot: snap, timeZone: 'UTC' })],
    ] as const;
    for (const [surface, doc] of docs) {
      const out = surface === 'view' ? renderSlackView(doc) : renderSlackMessage(doc);
      const max = surface === 'view' ? SLACK_LIMITS.viewBlocks : SLACK_LIMITS.messageBlocks;
      expect(out.blocks.length).toBeLessThanOrEqual(max);
      expect(out.text.length).toBeGreaterThan(0);
      expect(out.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      for (const block of out.blocks) {
        if (block.type === 'section' && block.text) {
          expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        }
      }
      const json = JSON.stringify(out.blocks);
      expect(json).not.toContain('<b>');
      expect(json).toContain('&lt;b&gt;');
    }
  });

  it('keeps the executive summary short at any size', () => {
    const doc = execSummaryDoc('en', { snapshot: snapshot(1000, 200, 300), timeZone: 'UTC' });
    expect(renderSlackMessage(doc).blocks.length).toBeLessThanOrEqual(6);
    expect(doc.text).toMatch(/^🔴 BarberPro has 300 open alerts:/);
  });

  it('counts incidents, not alerts, when related alerts were folded into incidents', () => {
    const text = (snap: SummarySnapshot) =>
      JSON.stringify(execSummaryDoc('en', { snapshot: snap, timeZone: 'UTC' }).blocks);
    const sevenAlerts = snapshot(10, 2, 7);
    expect(text(sevenAlerts)).toContain('7 open');
    expect(text({ ...sevenAlerts, incidentCounts: { opened: 1, open: 1 } })).toContain(
      '1 in the last 24 h, 1 open',
    );
  });

  it('shows each rate with its sample, or says there is not enough data', () => {
    const snap = snapshot(0, 0, 0);
    snap.rates = [
      row('pay', 'rate', false),
      row('reg', 'rate', true, {
        value: undefined,
        insufficient: true,
        rate: { attempts: 3, windowMs: 300_000, threshold: 0.9, insufficient: true },
      }),
      row('dni', 'rate', true, {
        value: 0.875,
        insufficient: true,
        rate: { attempts: 40, windowMs: 300_000, threshold: 0.9, insufficient: true },
        result: {
          ok: true,
          inconclusive: true,
          value: 0.875,
          detail: { because: 'withinNoise', attempts: 40, windowMs: 300_000, threshold: 0.9 },
        },
      }),
    ];
    const text = teamSummaryDoc('en', { snapshot: snap, changes: [], timeZone: 'UTC', nextInMs: 1 })
      .blocks.map((b) => ('text' in b ? b.text : ''))
      .join('\n');
    expect(text).toContain('97.0% (alert below 98%) · 412 attempts in 5 min');
    expect(text).toContain('not enough data (3 attempts in 5 min)');
    expect(text).toContain('⚪ *dni');
    expect(text).toContain('87.5% (below 90%) over only 40 attempts in 5 min: too few to tell');
    expect(text).toContain('failed checks 2.00% in the last hour (1,000 checks) vs 0.50%');
  });

  it('counts checks without enough data apart from the healthy ones in the headline', () => {
    const snap = snapshot(0, 0, 0);
    snap.endpoints = [row('api-a', 'http', true), row('api-b', 'http', true)];
    snap.rates = [
      row('reg', 'rate', true, {
        insufficient: true,
        rate: { attempts: 3, windowMs: 300_000, threshold: 0.9, insufficient: true },
      }),
    ];
    snap.others = [row('queue', 'other', true, { ok: undefined })];
    const en = teamSummaryDoc('en', { snapshot: snap, changes: [], timeZone: 'UTC', nextInMs: 1 });
    expect(en.text).toContain(': 2 checks healthy (2 still without enough data)');
    snap.endpoints = snap.endpoints.slice(0, 1);
    const es = teamSummaryDoc('es-AR', {
      snapshot: snap,
      changes: [],
      timeZone: 'UTC',
      nextInMs: 1,
    });
    expect(es.text).toContain(': 1 chequeo bien (2 todavía sin datos suficientes)');
  });
});
