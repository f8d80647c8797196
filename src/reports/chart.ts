import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ChartOption, renderPng } from '../charts/render.js';

export interface ChartOptions {
  width: number;
  height: number;
  /** An echarts option object: series, axes, titles. */
  option: ChartOption;
}

/** Renders an echarts option on the server as PNG bytes. */
export function renderChartPng({ width, height, option }: ChartOptions): Buffer {
  return renderPng(width, height, option);
}

/** Charts older than this are removed when a new one is written. */
const KEEP_MS = 24 * 3_600_000;

/**
 * Writes a PNG under `dir`, named by its content so a message queued earlier keeps pointing at
 * the picture it was built with, and prunes old charts.
 */
export function saveChart(dir: string, prefix: string, png: Buffer, now: number): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha1').update(png).digest('hex').slice(0, 12);
  const path = join(dir, `${prefix}-${hash}.png`);
  if (!existsSync(path)) writeFileSync(path, png);
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (name.endsWith('.png') && file !== path && now - statSync(file).mtimeMs > KEEP_MS) {
      unlinkSync(file);
    }
  }
  return path;
}
