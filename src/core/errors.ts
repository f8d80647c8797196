/**
 * One vocabulary of error codes. People see `message (CODE)`; logs carry the detail.
 * docs/troubleshooting.md documents every code, and a test keeps the two in step.
 */
export const ErrorCodes = {
  CONFIG_INVALID: 'Config file has validation errors',
  CONFIG_UNREADABLE: 'Config file cannot be read or is not valid YAML',
  SECRET_MISSING: 'A secret the config needs is missing from the environment',
  PORT_IN_USE: 'A port guardia must listen on is taken by another process',
  STORE_OPEN_FAILED: 'The SQLite database cannot be opened',
  STORE_IN_USE: 'Another guardia process runs on the same database',
  PROBE_TIMEOUT: 'A probe did not answer before its deadline',
  PROBE_CONNECT: 'A probe could not connect (refused, reset, DNS)',
  PROBE_STATUS: 'A probe got an unexpected HTTP status',
  PROBE_BODY: 'A probe body did not satisfy its condition',
  PROBE_SLOW: 'A probe answered slower than its threshold',
  RATE_SOURCE: 'A business counter source cannot be read or lacks a configured counter',
  RATE_LOW: 'A business success rate is below its threshold',
  DB_UNHEALTHY: 'The platform database is disconnected, slow, or running slow queries',
  DEPENDENCY_DOWN: 'A third-party status page reports an outage or its direct probe failed',
  WEBSOCKET_FAILED: 'The WebSocket did not connect, closed, or did not echo in time',
  UPTIME_LOW: 'A target was up less than the uptime target over 24 h or 7 d',
  CHART_FAILED: 'The summary chart could not be rendered; the summary is sent without it',
  COMMAND_UNKNOWN: 'The command is not known',
  COMMAND_USAGE: 'The command arguments are wrong',
  COMMAND_FORBIDDEN: 'The caller may not run this command',
  COMMAND_FAILED: 'The command failed while running',
  DELIVERY_PERMANENT: 'A chat platform refused a message permanently',
  DELIVERY_RETRY: 'A chat platform failed transiently; the message will be retried',
  SLACK_AUTH: 'Slack rejected the bot credentials',
  INCIDENT_NOT_FOUND: 'No incident has that id',
  RUNBOOK_INVALID: 'A runbook file does not match the runbook schema',
  RUNBOOK_NOT_FOUND: 'No runbook has that id',
  RUNBOOK_FORBIDDEN: 'The caller may not run this runbook',
  RUNBOOK_PARAMS: 'The runbook parameters are missing or invalid',
  RUNBOOK_COOLDOWN: 'The runbook ran recently and is cooling down',
  RUNBOOK_BUSY: 'The runbook is already running for this incident',
  CONFIRMATION_INVALID: 'The confirmation token is unknown, used, expired or not yours',
  INGEST_UNAUTHORIZED: 'An analytics batch came without the right bearer token',
  INGEST_FILE: 'An analytics export file cannot be read',
  REPORT_ARGS: 'A report was asked for an unknown province or window',
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class GuardiaError extends Error {
  readonly code: ErrorCode;
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, detail?: Record<string, unknown>, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GuardiaError';
    this.code = code;
    this.detail = detail;
  }

  /** The short form shown to people: what went wrong and its code. */
  toUserText(): string {
    return `${this.message} (${this.code})`;
  }
}

export function isGuardiaError(err: unknown): err is GuardiaError {
  return err instanceof GuardiaError;
}

/** Turns `EADDRINUSE` into an error that names the setting to change. */
export function portError(err: unknown, what: string, setting: string, port: number): unknown {
  if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') return err;
  return new GuardiaError(
    'PORT_IN_USE',
    `${what} cannot listen on port ${port}: another process uses it. ` +
      `Stop that process or set ${setting} to another port`,
    { port },
    err,
  );
}
