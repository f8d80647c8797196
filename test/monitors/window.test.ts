import { describe, expect, it } from 'vitest';
import { percentile, RollingWindow } from '../../src/monitors/window.js';

describe('RollingWindow', () => {
  it('has no figures while empty', () => {
    expect(new RollingWindow(5).stats()).toEqual({
      count: 0,
      failures: 0,
      errorRate: undefined,
      avg: undefined,
      p95: undefined,
      min: undefined,
      max: undefined,
    });
  });

  it('averages values and counts failures, ignoring results without a value', () => {
    const w = new RollingWindow(10);
    w.push(true, 10);
    w.push(true, 20);
    w.push(false, undefined);
    w.push(false, 30);
    expect(w.stats()).toMatchObject({ count: 4, failures: 2, errorRate: 0.5, avg: 20 });
    expect(w.stats()).toMatchObject({ min: 10, max: 30 });
  });

  it('keeps only the newest results once it wraps', () => {
    const w = new RollingWindow(3);
    for (const v of [100, 100, 100]) w.push(false, v);
    for (const v of [1, 2, 3]) w.push(true, v);
    expect(w.stats()).toMatchObject({ count: 3, failures: 0, avg: 2, min: 1, max: 3 });
    w.push(false, 4);
    expect(w.stats()).toMatchObject({ count: 3, failures: 1, avg: 3, min: 2, max: 4 });
  });

  it('reports the nearest-rank p95 of 1..100 as 95', () => {
    const w = new RollingWindow(100);
    for (let v = 100; v >= 1; v -= 1) w.push(true, v);
    expect(w.stats().p95).toBe(95);
  });
});

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 0.95, undefined],
    [[7], 0.95, 7],
    [[1, 2], 0.5, 1],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95, 10],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
    [[1, 2, 3, 4], 0, 1],
  ])('%j at %d → %s', (sorted, q, expected) => {
    expect(percentile(sorted, q)).toBe(expected);
  });
});
