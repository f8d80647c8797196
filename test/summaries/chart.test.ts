import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chartSvg, legendRows, pruneCharts, writeChart } from '../../src/summaries/chart.js';
import { target } from './fixtures.js';

const TO = Date.UTC(2026, 2, 2, 15, 0);
const FROM = TO - 3_600_000;

function input() {
  const points = [];
  for (let b = FROM; b < TO; b += 60_000) {
    points.push({ targetId: 'api', bucket: b, count: 2, failures: 0, avg: 3 });
    points.push({
      targetId: 'pay',
      bucket: b,
      count: 1,
      failures: 0,
      avg: b > TO - 600_000 ? 0.8 : 0.99,
    });
  }
  return {
    points,
    latencyTargets: [target('api', 'http')],
    rateTargets: [target('pay', 'rate', 'ratio')],
    from: FROM,
    to: TO,
    timeZone: 'America/Argentina/Buenos_Aires',
    title: 'Last hour',
    latencyLabel: 'latency (ms)',
    rateLabel: 'success (%)',
  };
}

describe('summary chart', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('draws both panels with local-time labels', () => {
    const svg = chartSvg(input());
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('latency (ms)');
    expect(svg).toContain('11:00'); // 15:00 UTC in Buenos Aires
  });

  it('writes a PNG that pruning later removes', () => {
    dir = mkdtempSync(join(tmpdir(), 'guardia-chart-'));
    const path = writeChart(dir, 'team-1', input());
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.readUInt32BE(16)).toBe(1000); // IHDR width
    expect(pruneCharts(dir, Date.now(), 3_600_000)).toBe(0);
    utimesSync(path, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    expect(pruneCharts(dir, Date.now(), 3_600_000)).toBe(1);
  });
});

describe('legendRows', () => {
  it('wraps the demo fleet into three rows and a short list into one', () => {
    const demo = [
      'API health',
      'Services catalogue',
      'Bookings API',
      'Payments API',
      'Auth service',
      'Database connection',
      'Database query time',
      'MercadoPago',
      'Booking success',
      'Payment success',
      'MercadoPago payments',
      'Card payments (credit)',
      'Registration success',
      'DNI validation',
      'MercadoPago linking',
    ];
    expect(legendRows(demo)).toBe(3);
    expect(legendRows(['API health', 'Payment success'])).toBe(1);
    expect(legendRows([])).toBe(1);
  });

  it('makes the chart taller by a row pitch for each extra legend row', () => {
    const height = (svg: string) => Number(/height="(\d+)"/.exec(svg)?.[1]);
    const one = chartSvg(input());
    const many = chartSvg({
      ...input(),
      latencyTargets: Array.from({ length: 30 }, (_, i) => target(`endpoint-number-${i}`, 'http')),
    });
    expect(height(many) - height(one)).toBeGreaterThanOrEqual(2 * 35);
  });
});
