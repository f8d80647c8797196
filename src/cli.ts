#!/usr/bin/env node
/**
 * The entry point: the only file that reads `process.env` and `process.argv`. Each subcommand
 * parses its input at the edge, then hands typed values to the rest of guardia.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { EventStore } from './analytics/ingest.js';
import type { BatchFormat } from './analytics/parse.js';
import { startGuardia } from './app.js';
import { AuditLog } from './audit/audit-log.js';
import { auditToCsv, auditToJson } from './audit/export.js';
import { type ConfigProblem, loadConfigFile } from './config/load.js';
import type { Config } from './config/schema.js';
import { secretsFromEnv } from './config/secrets.js';
import { systemClock } from './core/clock.js';
import { type ErrorCode, GuardiaError, isGuardiaError, portError } from './core/errors.js';
import { tuneGarbageCollector } from './core/gc-tuning.js';
import { createLogger, type Logger } from './core/logger.js';
import { LOCALES, type Locale } from './i18n/locale.js';
import { parseMarketArgs } from './reports/commands.js';
import { docToMarkdown } from './reports/markdown.js';
import { createReportService } from './reports/service.js';
import { escalationProblems, runbookProblems } from './runbooks/validate.js';
import { DEMO_SCENARIO, INCIDENT_SCENARIO, runScenario, startSimulator } from './sim/index.js';
import { openDatabase } from './store/db.js';

const EXIT_CONFIG = 2;
const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLED_CONFIG = join(packageRoot, 'config', 'guardia.example.yml');

/** --config, then GUARDIA_CONFIG, then ./guardia.yml, then the bundled example. */
function configPath(flag: string | undefined): string {
  const fromEnv = process.env.GUARDIA_CONFIG?.trim();
  if (flag) return flag;
  if (fromEnv) return fromEnv;
  if (existsSync('guardia.yml')) return 'guardia.yml';
  return BUNDLED_CONFIG;
}

function printProblems(file: string, code: ErrorCode, problems: ConfigProblem[]): void {
  const n = problems.length;
  process.stderr.write(`guardia: ${file} has ${n} problem${n === 1 ? '' : 's'} (${code}):\n`);
  for (const p of problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
}

function loadOrExit(file: string): Config {
  const result = loadConfigFile(file);
  if (!result.ok) {
    printProblems(file, result.code, result.problems);
    process.exit(EXIT_CONFIG);
  }
  const references = escalationProblems(result.config);
  if (references.length > 0) {
    printProblems(file, 'CONFIG_INVALID', references);
    process.exit(EXIT_CONFIG);
  }
  return result.config;
}

/** Resolves on the first SIGINT/SIGTERM; a second one exits at once. */
function untilSignal(log: Logger): Promise<string> {
  return new Promise((resolveSignal) => {
    let received = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn({ signal }, 'second signal, exiting now');
        process.exit(130);
      }
      received = true;
      log.info({ signal }, 'signal received');
      resolveSignal(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

async function startCommand(options: { config?: string }): Promise<void> {
  tuneGarbageCollector();
  const file = configPath(options.config);
  const config = loadOrExit(file);
  const pretty =
    config.log.format === 'pretty' || (config.log.format === 'auto' && process.stderr.isTTY);
  const log = createLogger({ level: config.log.level, format: pretty ? 'pretty' : 'json' });
  log.info({ config: file }, 'config loaded');

  const { host, port } = config.simulator;
  const sim = config.simulator.enabled
    ? await startSimulator({ host, port, log }).catch((err: unknown) => {
        throw portError(err, 'The simulator', 'simulator.port', port);
      })
    : undefined;
  const steps = { demo: DEMO_SCENARIO, incident: INCIDENT_SCENARIO, none: [] }[
    config.simulator.scenario
  ];
  const scenario = sim && steps.length > 0 ? runScenario(sim, steps, log) : undefined;
  if (scenario) log.info({ scenario: config.simulator.scenario }, 'simulator scenario started');

  // The bundled runbooks reach the simulator at ${SIM_URL}: the one this process runs, on
  // whatever port the config gave it, unless the environment names another.
  const env = sim && !process.env.SIM_URL ? { ...process.env, SIM_URL: sim.url } : process.env;
  const guardia = await startGuardia(config, secretsFromEnv(env), {
    log,
    io: { stdin: process.stdin, stdout: process.stdout },
  });
  await untilSignal(log);
  await guardia.stop();
  scenario?.cancel();
  await sim?.close();
  log.flush();
}

async function simCommand(options: { port: number; host: string }): Promise<void> {
  const log = createLogger({ level: 'info' });
  const { host, port } = options;
  const sim = await startSimulator({ host, port, log }).catch((err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTFOUND' || code === 'EADDRNOTAVAIL') {
      throw new GuardiaError(
        'COMMAND_USAGE',
        `cannot listen on ${host}: no such address on this machine (--host)`,
      );
    }
    throw portError(err, 'The simulator', '--port', port);
  });
  process.stdout.write(`simulator listening on ${sim.url} (see docs/simulator.md)\n`);
  await untilSignal(log);
  await sim.close();
}

function checkConfigCommand(file: string): void {
  const result = loadConfigFile(file);
  if (!result.ok) {
    printProblems(file, result.code, result.problems);
    process.exit(EXIT_CONFIG);
  }
  const c = result.config;
  const runbooks = runbookProblems(c);
  const references = [...escalationProblems(c), ...runbooks.errors];
  if (references.length > 0) {
    printProblems(file, 'CONFIG_INVALID', references);
    process.exit(EXIT_CONFIG);
  }
  for (const w of runbooks.warnings) process.stderr.write(`warning: ${w.path}: ${w.message}\n`);
  if (c.targets.length + monitorCount(c) === 0) {
    process.stderr.write('warning: no targets and no monitors: guardia would watch nothing\n');
  }
  const n = (count: number, one: string, many = `${one}s`) =>
    `${count} ${count === 1 ? one : many}`;
  process.stdout.write(
    `${file} is valid: ${n(c.targets.length, 'target')}, ` +
      `${n(monitorCount(c), 'other monitor')}, ${n(Object.keys(c.channels).length, 'channel')}, ` +
      `${n(c.managers.length, 'manager')}, time zone ${c.timezone}\n`,
  );
}

function auditExportCommand(options: { config?: string; format: string }): void {
  const config = loadOrExit(configPath(options.config));
  const db = openDatabase({ path: config.store.path, readonly: true });
  try {
    const records = new AuditLog(db, systemClock).all();
    process.stdout.write(options.format === 'json' ? auditToJson(records) : auditToCsv(records));
  } finally {
    db.close();
  }
}

function formatOfFile(file: string, flag: string | undefined): BatchFormat {
  if (flag === 'csv' || flag === 'ndjson' || flag === 'json') return flag;
  if (file.endsWith('.csv')) return 'csv';
  if (file.endsWith('.json')) return 'json';
  return 'ndjson';
}

/** `guardia import FILE`: the same validation and report as POST /v1/events. */
function importCommand(file: string, opts: { config?: string; format?: string }): void {
  const config = loadOrExit(configPath(opts.config));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new GuardiaError('INGEST_FILE', `cannot read ${file}: ${(err as Error).message}`);
  }
  const db = openDatabase({ path: config.store.path });
  try {
    const report = new EventStore(db).ingestText(text, formatOfFile(file, opts.format));
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.rejected.length > 0) process.exitCode = 1;
  } finally {
    db.close();
  }
}

interface ReportOptions {
  config?: string;
  format: string;
  locale?: string;
  chart?: boolean;
}

/** `guardia report market|readiness`: the chat reports' figures, as Markdown or JSON. */
function reportCommand(kind: string, args: string[], opts: ReportOptions): void {
  const config = loadOrExit(configPath(opts.config));
  const locale: Locale = LOCALES.find((l) => l === opts.locale) ?? config.locale;
  const db = openDatabase({ path: config.store.path });
  try {
    const service = createReportService({ db, config, clock: systemClock });
    const query = parseMarketArgs(locale, args);
    const chart = opts.chart !== false;
    let out: string;
    if (kind === 'market') {
      out =
        opts.format === 'json'
          ? JSON.stringify(service.market(query), null, 2)
          : docToMarkdown(service.marketDoc(locale, query, { chart }));
    } else {
      out =
        opts.format === 'json'
          ? JSON.stringify(service.readiness(), null, 2)
          : docToMarkdown(service.readinessDoc(locale, { chart }));
    }
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  } finally {
    db.close();
  }
}

function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65_535) {
    throw new InvalidArgumentError('give a port number from 0 to 65535');
  }
  return port;
}

/** The version in package.json, next to `dist/` and `src/` alike. */
function packageVersion(): string {
  const file = fileURLToPath(new URL('../package.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function monitorCount(c: Config): number {
  const m = c.monitors;
  return m.rates.length + m.database.length + m.dependencies.length + m.websockets.length;
}

export function buildProgram(): Command {
  const program = new Command('guardia')
    .description('ChatOps on-call bot: monitors, alerts, incidents and runbooks in chat')
    .version(packageVersion(), '-V, --version', 'print the version')
    .addOption(new Option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)'))
    .showHelpAfterError();
  program
    .command('start', { isDefault: true })
    .description('run the monitors and the chat adapters')
    .option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)')
    // `start` is the default, so a mistyped command lands here: name it instead of "too many
    // arguments for 'start'".
    .allowExcessArguments(true)
    .action((opts: { config?: string }, cmd: Command) => {
      const [command] = cmd.args;
      if (command !== undefined) {
        const names = program.commands.map((c) => c.name()).join(', ');
        program.error(`error: unknown command '${command}' (commands: ${names})`);
      }
      return startCommand({ config: opts.config ?? program.opts().config });
    });
  program
    .command('check-config')
    .argument('<file>', 'the YAML config to validate')
    .description('validate a config file and report every problem; exit 2 when invalid')
    .action(checkConfigCommand);
  program
    .command('sim')
    .description('serve the bundled BarberPro simulator on its own')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', portNumber, 4610)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(simCommand);
  program
    .command('audit')
    .description('the audit log of actions taken through guardia')
    .command('export')
    .description('print every audit entry to standard output')
    .addOption(
      new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'),
    )
    .option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)')
    .action((opts: { config?: string; format: string }) =>
      auditExportCommand({ format: opts.format, config: opts.config ?? program.opts().config }),
    );
  program
    .command('import')
    .argument('<file>', 'CSV (header row of event fields) or NDJSON export of analytics events')
    .description('validate and store analytics events; prints accepted, duplicates, rejected')
    .option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'ndjson', 'json']))
    .action((file: string, opts: { config?: string; format?: string }) =>
      importCommand(file, { ...opts, config: opts.config ?? program.opts().config }),
    );
  program
    .command('report')
    .argument('<kind>', 'market or readiness')
    .argument('[args...]', 'market only: [province] [window], e.g. AR-X 7d')
    .description('print the market or readiness report, as in chat')
    .option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)')
    .addOption(new Option('--format <format>', 'output').choices(['md', 'json']).default('md'))
    .addOption(new Option('--locale <locale>', 'language').choices([...LOCALES]))
    .option('--no-chart', 'skip rendering the chart PNG')
    .action((kind: string, args: string[], opts: ReportOptions) => {
      if (kind !== 'market' && kind !== 'readiness') {
        throw new GuardiaError('REPORT_ARGS', `unknown report "${kind}": use market or readiness`);
      }
      reportCommand(kind, args, { ...opts, config: opts.config ?? program.opts().config });
    });
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    const text = isGuardiaError(err) ? err.toUserText() : String((err as Error).stack ?? err);
    process.stderr.write(`guardia: ${text}\n`);
    process.exit(1);
  });
