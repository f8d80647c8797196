import { describe, expect, it } from 'vitest';
import { type CounterRole, CounterWindow } from '../../src/monitors/counter-window.js';

type Series = Record<string, [CounterRole, number]>;

function reading(at: number, series: Series) {
  return {
    at,
    values: new Map(Object.entries(series).map(([k, [role, value]]) => [k, { role, value }])),
  };
}

describe('CounterWindow', () => {
  const cases: Array<{
    name: string;
    window: number;
    readings: Array<[number, Series]>;
    expected: { attempts: number; successes: number; spanMs: number; resets: number };
  }> = [
    {
      name: 'one reading has no deltas yet',
      window: 60_000,
      readings: [[0, { ok: ['success', 10], ko: ['failure', 1] }]],
      expected: { attempts: 0, successes: 0, spanMs: 0, resets: 0 },
    },
    {
      name: 'sums success and failure increases',
      window: 60_000,
      readings: [
        [0, { ok: ['success', 10], ko: ['failure', 1] }],
        [10_000, { ok: ['success', 30], ko: ['failure', 3] }],
        [20_000, { ok: ['success', 50], ko: ['failure', 4] }],
      ],
      expected: { attempts: 43, successes: 40, spanMs: 20_000, resets: 0 },
    },
    {
      name: 'total and failure counters (JSON attempts + failed)',
      window: 60_000,
      readings: [
        [0, { n: ['total', 100], f: ['failure', 5] }],
        [10_000, { n: ['total', 200], f: ['failure', 25] }],
      ],
      expected: { attempts: 100, successes: 80, spanMs: 10_000, resets: 0 },
    },
    {
      name: 'a counter that drops counts from zero (restart)',
      window: 60_000,
      readings: [
        [0, { ok: ['success', 500], ko: ['failure', 10] }],
        [10_000, { ok: ['success', 520], ko: ['failure', 10] }],
        [20_000, { ok: ['success', 15], ko: ['failure', 5] }],
      ],
      expected: { attempts: 40, successes: 35, spanMs: 20_000, resets: 2 },
    },
    {
      name: 'readings older than the window are dropped, keeping one baseline',
      window: 30_000,
      readings: [
        [0, { ok: ['success', 0] }],
        [10_000, { ok: ['success', 100] }],
        [20_000, { ok: ['success', 110] }],
        [40_000, { ok: ['success', 130] }],
        [50_000, { ok: ['success', 140] }],
      ],
      expected: { attempts: 30, successes: 30, spanMs: 30_000, resets: 0 },
    },
  ];

  it.each(cases)('$name', ({ window, readings, expected }) => {
    const w = new CounterWindow(window);
    for (const [at, series] of readings) w.push(reading(at, series));
    expect(w.totals()).toEqual(expected);
  });
});
