import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MessageDoc } from '../../src/bot/messages/doc.js';
import { status, summariesFixture, target } from './fixtures.js';

const http = target('api-health', 'http');
const payments = target('rate-payments', 'rate', 'ratio');

function rateResult(ok: boolean, value: number | undefined, attempts: number) {
  return {
    ok,
    ...(value === undefined ? {} : { value }),
    reason: ok ? undefined : `success rate ${value} < 98 % (${attempts} attempts in 5 min)`,
    detail: {
      attempts,
      windowMs: 300_000,
      threshold: 0.98,
      ...(attempts < 20 ? { insufficient: true } : {}),
    },
  };
}

describe('Summaries', () => {
  let dir: string;
  let fx: ReturnType<typeof summariesFixture>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'guardia-summary-'));
  });
  afterEach(() => {
    fx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function rows() {
    return fx.outbox.pending(100).map((r) => ({
      op: r.op,
      ref: r.ref_key,
      thread: r.thread_key,
      doc: JSON.parse(r.doc) as MessageDoc,
    }));
  }

  it('edits one message per cycle and replies in its thread only when something changed', () => {
    fx = summariesFixture({}, dir);
    const now = fx.clock.now();
    fx.setStatuses([
      status(http, now, { ok: true, value: 3 }),
      status(payments, now, rateResult(true, 0.995, 400)),
    ]);
    fx.summaries.publish('team');
    expect(rows().map((r) => [r.op, r.ref, r.thread])).toEqual([['update', 'summary:team', null]]);
    // Nothing to compare with yet: it must not claim that nothing changed.
    const first = JSON.stringify(rows()[0]?.doc);
    expect(first).toContain('First summary since guardia started');
    expect(first).not.toContain('Nothing changed');

    fx.clock.advance(60_000);
    fx.alerts.insert({
      targetId: 'rate-payments',
      kind: 'rate',
      severity: 'critical',
      reason: 'success rate 81.2 % < 98 % (412 attempts in 5 min)',
      openedAt: fx.clock.now(),
      lastNotifiedAt: fx.clock.now(),
      cause: undefined,
    });
    fx.setStatuses([
      status(http, now, { ok: true, value: 3 }),
      status(payments, now, rateResult(false, 0.812, 412)),
    ]);
    fx.clock.advance(60_000);
    fx.summaries.publish('team');
    const [, edit, reply] = rows();
    expect([edit?.op, edit?.ref, reply?.thread]).toEqual([
      'update',
      'summary:team',
      'summary:team',
    ]);
    const text = JSON.stringify(edit?.doc);
    expect(text).toContain('rate-payments* 81.2% (alert below 98%) · 412 attempts in 5 min');
    expect(text).toContain('🔴 rate-payments: alert opened — ');
    const image = reply?.doc.blocks.find((b) => b.type === 'image');
    expect(image && image.type === 'image' && existsSync(image.path)).toBe(true);

    fx.clock.advance(60_000);
    fx.summaries.publish('team');
    expect(rows().filter((r) => r.thread)).toHaveLength(1);
  });

  it('counts checks still waiting in the sample buffer', () => {
    fx = summariesFixture({}, dir);
    const now = fx.clock.now();
    fx.setStatuses([status(http, now, { ok: false, value: 450 })]);
    // A failed check the buffer has not written yet: the live status already shows it failing,
    // so the figures from the store must count it too.
    fx.samples.add({ targetId: http.id, at: now - 1_000, ok: false, value: 450 });
    const snap = fx.summaries.snapshot(300_000);
    expect(snap.trend.lastHour).toEqual({ count: 1, failures: 1 });
  });

  it('posts a fresh message with the chart in post mode', () => {
    fx = summariesFixture({ summaries: { mode: 'post' } }, dir);
    fx.setStatuses([status(http, fx.clock.now(), { ok: true, value: 3 })]);
    fx.summaries.publish('team');
    const [row] = rows();
    expect([row?.op, row?.ref]).toEqual(['post', null]);
    expect(row?.doc.blocks.some((b) => b.type === 'image')).toBe(true);
  });

  it('writes the exec summary in its channel language, short', () => {
    fx = summariesFixture({}, dir);
    fx.setStatuses([status(payments, fx.clock.now(), rateResult(true, undefined, 3))]);
    fx.summaries.publish('exec');
    const [row] = rows();
    expect(row?.doc.blocks.length).toBeLessThanOrEqual(8);
    expect(JSON.stringify(row?.doc)).toContain('datos insuficientes (3 intentos en 5 min)');
  });

  it('skips a summary whose default channel is not configured', () => {
    fx = summariesFixture({ channels: { alerts: {} } }, dir);
    fx.summaries.publish('team');
    expect(rows()).toEqual([]);
  });
});
