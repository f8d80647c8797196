import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../src/analytics/census.js';

const FILE = 'shared/data/ar-provinces-census-2022.csv';
/** `../shared` beside the repo (main checkout) or beside the worktrees' folder. */
const SHARED = [
  new URL(`../../../${FILE}`, import.meta.url),
  new URL(`../../../../${FILE}`, import.meta.url),
].find((url) => existsSync(url));

describe('census constant', () => {
  it('adds up to the published national total', () => {
    expect(PROVINCES).toHaveLength(24);
    expect(PROVINCES.reduce((s, p) => s + p.population, 0)).toBe(46_044_703);
  });

  it.runIf(SHARED !== undefined)('matches the shared INDEC file row by row', () => {
    const rows = readFileSync(SHARED ?? '', 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const parsed = rows.map((line) => {
      const [code, name, population] = line.split(',');
      return { code, name, population: Number(population) };
    });
    expect(PROVINCES).toEqual(parsed);
  });
});
