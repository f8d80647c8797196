import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSvg, svgToPng } from '../charts/render.js';
import type { TargetInfo } from '../monitors/types.js';
import type { SeriesPoint } from '../store/rollups.js';

export interface ChartInput {
  /** Per-minute rollup points of the last hour. */
  points: readonly SeriesPoint[];
  /** Endpoint targets (latency panel) and rate targets (success panel). */
  latencyTargets: readonly TargetInfo[];
  rateTargets: readonly TargetInfo[];
  from: number;
  to: number;
  timeZone: string;
  title: string;
  latencyLabel: string;
  rateLabel: string;
}

const WIDTH = 1000;
const HEIGHT = 560;
const MINUTE = 60_000;

/** The two-panel chart as an SVG string: latency per endpoint, success rate per business rate. */
export function chartSvg(input: ChartInput): string {
  const buckets: number[] = [];
  for (let b = Math.floor(input.from / MINUTE) * MINUTE; b < input.to; b += MINUTE) buckets.push(b);
  const index = new Map(buckets.map((b, i) => [b, i]));
  const seriesFor = (targets: readonly TargetInfo[], scale: number, grid: number) =>
    targets.map((target) => {
      const data: Array<number | null> = buckets.map(() => null);
      for (const p of input.points) {
        const i = index.get(p.bucket);
        if (p.targetId === target.id && i !== undefined && p.avg !== null) {
          data[i] = Math.round(p.avg * scale * 100) / 100;
        }
      }
      return {
        name: target.name,
        type: 'line' as const,
        xAxisIndex: grid,
        yAxisIndex: grid,
        data,
        showSymbol: false,
        connectNulls: false,
      };
    });
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone: input.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const labels = buckets.map((b) => time.format(new Date(b)));
  const legendRows = Math.ceil((input.latencyTargets.length + input.rateTargets.length) / 5);
  const height = HEIGHT + legendRows * 22;
  return renderSvg(WIDTH, height, {
    textStyle: { fontFamily: 'DejaVu Sans' },
    title: { text: input.title, left: 16, top: 8, textStyle: { fontSize: 16 } },
    // SSR measures text roughly, so a wide gap keeps legend entries from touching.
    legend: { top: 36, left: 16, right: 16, itemGap: 22, textStyle: { fontSize: 11 } },
    grid: [
      { left: 70, right: 24, top: 70 + legendRows * 22, height: 190 },
      { left: 70, right: 24, top: 330 + legendRows * 22, height: 190 },
    ],
    xAxis: [0, 1].map((gridIndex) => ({ type: 'category', gridIndex, data: labels })),
    yAxis: [
      { type: 'value', gridIndex: 0, name: input.latencyLabel, nameTextStyle: { align: 'left' } },
      {
        type: 'value',
        gridIndex: 1,
        name: input.rateLabel,
        max: 100,
        scale: true,
        nameTextStyle: { align: 'left' },
      },
    ],
    series: [...seriesFor(input.latencyTargets, 1, 0), ...seriesFor(input.rateTargets, 100, 1)],
  });
}

/** Writes the chart PNG under `dir` and returns its path. */
export function writeChart(dir: string, name: string, input: ChartInput): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  writeFileSync(path, svgToPng(chartSvg(input), WIDTH));
  return path;
}

/** Deletes chart files older than `maxAgeMs`; returns how many were removed. */
export function pruneCharts(dir: string, now: number, maxAgeMs: number): number {
  if (!existsSync(dir)) return 0;
  let removed = 0;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.png')) continue;
    const path = join(dir, file);
    if (now - statSync(path).mtimeMs > maxAgeMs) {
      unlinkSync(path);
      removed += 1;
    }
  }
  return removed;
}
