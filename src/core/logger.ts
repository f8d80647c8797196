import { type DestinationStream, type Logger, pino } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger } from 'pino';

/** Paths pino replaces with [redacted]: tokens, signatures and phone numbers never reach logs. */
export const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  'appToken',
  'signingSecret',
  'authToken',
  '*.authToken',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'headers["x-twilio-signature"]',
  '*.headers["x-twilio-signature"]',
  'phone',
  '*.phone',
  'to',
  'from',
  '*.to',
  '*.from',
];

export interface LoggerOptions {
  level: string;
  /** `pretty` prints one readable line per entry; `json` one JSON object per line. */
  format?: 'json' | 'pretty';
  /** Defaults to standard error, so console channels on standard output stay readable. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'guardia' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination ??
      (options.format === 'pretty'
        ? PinoPretty({
            destination: 2,
            colorize: process.stderr.isTTY,
            ignore: 'pid,hostname,app',
            translateTime: 'HH:MM:ss',
          })
        : pino.destination({ fd: 2, sync: false })),
  );
}

/** A logger that drops everything, for tests and benchmarks that do not read logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
