import { capacity } from './capacity.js';
import { probeFidelity } from './probe-fidelity.js';
import { reportsBench } from './reports.js';
import { summaryBench } from './summary.js';
import type { Benchmark } from './types.js';

/** Every benchmark `npm run bench` runs, in order; add yours with one line. */
export const BENCHMARKS: readonly Benchmark[] = [
  probeFidelity,
  capacity,
  reportsBench,
  summaryBench,
];
