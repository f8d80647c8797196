import { describe, expect, it } from 'vitest';
import { consoleText, renderConsoleMessage } from '../../../src/adapters/console/render.js';
import type { AlertRecord } from '../../../src/alerts/store.js';
import { alertOpenedDoc, alertResolvedDoc } from '../../../src/bot/messages/alerts.js';
import { mention, plain } from '../../../src/bot/messages/doc.js';
import type { TargetInfo } from '../../../src/monitors/types.js';

const OPENED_AT = Date.UTC(2025, 2, 10, 15, 0, 0);
const TARGET: TargetInfo = {
  id: 'api-bookings',
  name: 'Bookings API',
  kind: 'http',
  intervalMs: 5000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ms',
  window: 50,
};
const ALERT: AlertRecord = {
  id: 7,
  targetId: 'api-bookings',
  kind: 'http',
  severity: 'critical',
  status: 'open',
  reason: 'status 503, expected 200',
  openedAt: OPENED_AT,
  resolvedAt: undefined,
  lastNotifiedAt: OPENED_AT,
  reminders: 0,
  cause: undefined,
};
const VIEW = {
  alert: ALERT,
  target: TARGET,
  result: { ok: false, value: 12.5, reason: ALERT.reason },
  stats: { count: 20, failures: 3, errorRate: 0.15, avg: 1.2, p95: 9, min: 0.3, max: 12.5 },
  timeZone: 'America/Argentina/Buenos_Aires',
  now: OPENED_AT,
};

describe('renderConsoleMessage', () => {
  it('frames an opened alert with its channel, time and fields', () => {
    const text = renderConsoleMessage(alertOpenedDoc('en', VIEW), {
      channel: '#alerts',
      time: '12:00:00',
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^── #alerts · 12:00:00 ─+$/);
    expect(lines[0]).toHaveLength(72);
    expect(lines[1]).toBe('🔴 Alert #7: Bookings API is failing');
    expect(lines).toContain('  Reason: status 503, expected 200');
    expect(lines).toContain('  Severity: critical');
    expect(lines.some((l) => l.startsWith('  Last 20 checks: '))).toBe(true);
  });

  it('marks edits and renders the resolution in Spanish without markup', () => {
    const resolved = { ...ALERT, status: 'resolved' as const, resolvedAt: OPENED_AT + 95_000 };
    const text = renderConsoleMessage(alertResolvedDoc('es-AR', { ...VIEW, alert: resolved }), {
      channel: '#alerts',
      time: '12:01:35',
      relation: 'edit of message 1',
    });
    expect(text.split('\n')[0]).toContain('· edit of message 1 ');
    expect(text).toContain('🟢 Resuelta: Bookings API volvió a estar bien');
    expect(text).not.toContain('*');
  });

  it('prints actions with the command to type', () => {
    const text = renderConsoleMessage(
      {
        text: 'fallback',
        blocks: [],
        actions: [{ id: 'x.ack', label: 'Ack', command: '/ops ack 7' }],
      },
      { channel: '#alerts', time: '00:00:00' },
    );
    expect(text.split('\n')).toEqual([
      expect.any(String),
      'fallback',
      '  [Ack]  → type: /ops ack 7',
    ]);
  });
});

describe('consoleText', () => {
  it.each([
    ['*bold* text', false, 'bold text'],
    ['*bold*', true, '\u001b[1mbold\u001b[22m'],
    [`ping ${mention('U123')}`, false, 'ping @U123'],
    [`ping ${mention('subteam^S9')}`, false, 'ping @S9'],
    [`ping ${mention('subteam^S9', 'guardia-oncall')}`, false, 'ping @guardia-oncall'],
    ['a\u200b*\u200bb', false, 'a*b'],
    // Text people typed, fenced by plain(): shown as typed, never taken for markup.
    [`*Silenced* ${plain('**')} until 5`, false, 'Silenced ** until 5'],
    [`note: ${plain('*negrita*')}`, false, 'note: *negrita*'],
  ])('%j (ansi %s) → %j', (input, ansi, output) => {
    expect(consoleText(input, ansi)).toBe(output);
  });
});
