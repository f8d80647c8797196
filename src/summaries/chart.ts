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
const HEIGHT = 580;
const MINUTE = 60_000;
/** Legend layout as echarts draws it at font size 11: row pitch, icon, gap, mean glyph width. */
const LEGEND_ROW = 35;
const LEGEND_ICON = 30;
const LEGEND_GAP = 22;
const GLYPH = 6.6;

/**
 * How many rows the legend wraps into, laid out as echarts does: entries left to right until
 * the next one does not fit. The panels start below it, so a long list never covers the first
 * panel's axis name.
 */
export function legendRows(names: readonly string[]): number {
  const width = WIDTH - 32;
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const item = LEGEND_ICON + name.length * GLYPH;
    if (x > 0 && x + item > width) {
      rows += 1;
      x = 0;
    }
    x += item + LEGEND_GAP;
  }
  return rows;
}

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
  const names = [...input.latencyTargets, ...input.rateTargets].map((t) => t.name);
  const extra = (legendRows(names) - 1) * LEGEND_ROW;
  const height = HEIGHT + extra;
  return renderSvg(WIDTH, height, {
    textStyle: { fontFamily: 'DejaVu Sans' },
    title: { text: input.title, left: 16, top: 8, textStyle: { fontSize: 16 } },
    // SSR measures text roughly, so a wide gap keeps legend entries from touching.
    legend: { top: 36, left: 16, right: 16, itemGap: LEGEND_GAP, textStyle: { fontSize: 11 } },
    grid: [
      { left: 70, right: 24, top: 100 + extra, height: 190 },
      { left: 70, right: 24, top: 350 + extra, height: 190 },
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
