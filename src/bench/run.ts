/**
 * `npm run bench`: runs every benchmark in `list.ts`, prints one Markdown table and writes it,
 * with how each figure was measured, to docs/benchmarks.md.
 *
 *   node dist/bench/run.js [--duration 60] [--quick] [--only NAME] [--no-write] [--cpu-prof DIR]
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './list.js';
import type { Benchmark, BenchOptions, BenchRow } from './types.js';

const DOC = new URL('../../docs/benchmarks.md', import.meta.url);

function table(rows: readonly BenchRow[]): string {
  const lines = ['| benchmark | measured | target | result |', '| --- | --- | --- | --- |'];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.measured} | ${r.target} | ${r.pass ? 'pass' : '**FAIL**'} |`);
  }
  return lines.join('\n');
}

function page(command: string, rows: readonly BenchRow[], ran: readonly Benchmark[]): string {
  const cpu = cpus();
  return [
    '# Benchmarks',
    '',
    `Reproduce with \`${command}\` (\`--quick\` runs sustained benchmarks for 10 s).`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on Node ` +
      `${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${process.platform}/${process.arch}. The machine is shared, so figures vary between runs.`,
    '',
    table(rows),
    '',
    '## How each figure is measured',
    '',
    ...ran.flatMap((b) => [`### ${b.name}`, '', b.method, '']),
  ].join('\n');
}

const USAGE =
  'usage: npm run bench -- [--duration SECONDS] [--quick] [--only NAME] [--no-write] ' +
  '[--cpu-prof DIR]';

function parse() {
  return parseArgs({
    options: {
      duration: { type: 'string', default: '60' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
    },
  });
}

async function main(): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const durationS = values.quick ? 10 : Number(values.duration);
  if (!Number.isFinite(durationS) || durationS <= 0) {
    process.stderr.write(
      `--duration must be a positive number of seconds, not ${values.duration}\n`,
    );
    return 2;
  }
  const options: BenchOptions = {
    durationS,
    quick: values.quick,
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
  };
  const selected = BENCHMARKS.filter((b) => !values.only || b.name === values.only);
  if (selected.length === 0) {
    const names = BENCHMARKS.map((b) => `'${b.name}'`).join(', ');
    process.stderr.write(`--only: no benchmark named '${values.only}'; they are ${names}\n`);
    return 2;
  }
  // A partial table must not replace the full one in docs/benchmarks.md.
  const write = !values['no-write'] && !values.only;
  const rows: BenchRow[] = [];
  for (const bench of selected) {
    process.stderr.write(`running ${bench.name}…\n`);
    rows.push(...(await bench.run(options)));
  }
  process.stdout.write(`${table(rows)}\n`);
  if (write) {
    const flags = values.quick
      ? ' -- --quick'
      : durationS !== 60
        ? ` -- --duration ${durationS}`
        : '';
    writeFileSync(DOC, page(`npm run bench${flags}`, rows, selected));
    process.stderr.write('wrote docs/benchmarks.md\n');
  }
  return rows.every((r) => r.pass) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${String((err as Error).stack ?? err)}\n`);
    process.exitCode = 1;
  },
);
