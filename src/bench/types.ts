/** One line of the benchmark table. */
export interface BenchRow {
  name: string;
  /** The figure as printed, with its unit. */
  measured: string;
  /** The goal as printed, e.g. `≤ 0.05 ms`. */
  target: string;
  pass: boolean;
}

export interface BenchOptions {
  /** Seconds a sustained benchmark runs (`--duration`, `--quick` sets 10). */
  durationS: number;
  quick: boolean;
  /** `--cpu-prof DIR`: benchmarks that run guardia in a child process profile it there. */
  cpuProfDir?: string;
}

/**
 * A benchmark plug-in: `src/bench/list.ts` lists them, `run.ts` runs them in order and puts
 * their rows in one table. `method` says in a sentence or two what is measured and how, for
 * docs/benchmarks.md.
 */
export interface Benchmark {
  readonly name: string;
  readonly method: string;
  run(options: BenchOptions): Promise<BenchRow[]>;
}
