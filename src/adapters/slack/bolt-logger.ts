import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

/**
 * Bolt, the Web API client and the Socket Mode client log through this bridge into pino.
 * Their `debug` output (every frame and request) goes to pino's `trace`, so guardia's own
 * `debug` stays readable; their level setters are ignored because pino's level decides.
 */
export function boltLogger(log: Logger): SlackLogger {
  const line = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : String(a))).join(' ');
  return {
    debug: (...args: unknown[]) => log.trace(line(args)),
    info: (...args: unknown[]) => log.debug(line(args)),
    warn: (...args: unknown[]) => log.warn(line(args)),
    error: (...args: unknown[]) => log.error(line(args)),
    setLevel: () => {},
    getLevel: () => (log.isLevelEnabled('trace') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
