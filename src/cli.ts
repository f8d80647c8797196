#!/usr/bin/env node
/**
 * The entry point: the only file that reads `process.env` and `process.argv`. Each subcommand
 * parses its input at the edge, then hands typed values to the rest of guardia.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { startGuardia } from './app.js';
import { AuditLog } from './audit/audit-log.js';
import { auditToCsv, auditToJson } from './audit/export.js';
import { type ConfigProblem, loadConfigFile } from './config/load.js';
import type { Config } from './config/schema.js';
import { secretsFromEnv } from './config/secrets.js';
import { systemClock } from './core/clock.js';
import { type ErrorCode, isGuardiaError, portError } from './core/errors.js';
import { createLogger, type Logger } from './core/logger.js';
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
  if (sim) log.info({ url: sim.url, scenario: config.simulator.scenario }, 'simulator listening');

  const guardia = await startGuardia(config, secretsFromEnv(process.env), {
    log,
    io: { stdin: process.stdin, stdout: process.stdout },
  });
  await untilSignal(log);
  await guardia.stop();
  scenario?.cancel();
  await sim?.close();
  log.flush();
}

async function simCommand(options: { port: string; host: string }): Promise<void> {
  const log = createLogger({ level: 'info' });
  const sim = await startSimulator({ host: options.host, port: Number(options.port), log });
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
  process.stdout.write(
    `${file} is valid: ${c.targets.length} targets, ${Object.keys(c.channels).length} channels, time zone ${c.timezone}\n`,
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

export function buildProgram(): Command {
  const program = new Command('guardia')
    .description('ChatOps on-call bot: monitors, alerts, incidents and runbooks in chat')
    .addOption(new Option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)'))
    .showHelpAfterError();
  program
    .command('start', { isDefault: true })
    .description('run the monitors and the chat adapters')
    .option('-c, --config <file>', 'config file (or GUARDIA_CONFIG)')
    .action((opts: { config?: string }) =>
      startCommand({ config: opts.config ?? program.opts().config }),
    );
  program
    .command('check-config')
    .argument('<file>', 'the YAML config to validate')
    .description('validate a config file and report every problem; exit 2 when invalid')
    .action(checkConfigCommand);
  program
    .command('sim')
    .description('serve the bundled BarberPro simulator on its own')
    .option('-p, --port <port>', 'port to listen on', '4610')
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
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    const text = isGuardiaError(err) ? err.toUserText() : String((err as Error).stack ?? err);
    process.stderr.write(`guardia: ${text}\n`);
    process.exit(1);
  });
