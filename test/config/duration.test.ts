import { describe, expect, it } from 'vitest';
import { duration, parseDuration } from '../../src/config/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['2d', 172_800_000],
    ['0.31ms', 0.31],
    [' 10s ', 10_000],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '5 minutes', 'm5', '1x', '-5s'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('duration schema', () => {
  it('accepts bare milliseconds and rejects a bad string with an example', () => {
    expect(duration.parse(1500)).toBe(1500);
    const result = duration.safeParse('soon');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/500ms, 30s, 5m/);
  });
});
