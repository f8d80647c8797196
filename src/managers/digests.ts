import cron, { type ScheduledTask } from 'node-cron';
import type { MessageDoc } from '../bot/messages/doc.js';
import type { ManagerConfig } from '../config/managers.js';
import type { Logger } from '../core/logger.js';
import type { AppContext, Services } from '../features.js';
import type { Locale } from '../i18n/locale.js';
import { digestDoc } from './messages.js';

/** Services other features may offer; read at run time, each may be missing. */
interface OptionalSources {
  summaries?: { execDoc?(locale: Locale): MessageDoc | undefined };
  reports?: { readinessHeadline?(locale: Locale): string | undefined };
}

/** Builds one manager's digest from whatever the running guardia has. */
export function buildDigest(ctx: AppContext, manager: ManagerConfig): MessageDoc {
  // Intersecting with Services keeps this a plain widening, checked by the compiler.
  const sources: OptionalSources & Services = ctx.services;
  const exec = sources.summaries?.execDoc?.(manager.locale);
  const readiness = sources.reports?.readinessHeadline?.(manager.locale);
  return digestDoc(manager.locale, {
    now: ctx.clock.now(),
    timeZone: manager.timeZone ?? ctx.config.timezone,
    targets: ctx.runner.snapshot(),
    openAlerts: ctx.engine.store.open(),
    ...(exec ? { exec } : {}),
    ...(readiness ? { readiness } : {}),
  });
}

/** Enqueues a digest for the manager; the minute in the key makes a double fire send once. */
export function enqueueDigest(ctx: AppContext, manager: ManagerConfig): number | undefined {
  const minute = Math.floor(ctx.clock.now() / 60_000);
  return ctx.outbox.enqueue({
    channelKey: `manager:${manager.id}`,
    doc: buildDigest(ctx, manager),
    dedupeKey: `digest:${manager.id}:${minute}`,
  });
}

/** One cron task per manager with a `digest` schedule, in the manager's time zone. */
export class DigestScheduler {
  readonly #tasks: ScheduledTask[] = [];
  readonly #ctx: AppContext;
  readonly #log: Logger;

  constructor(ctx: AppContext, log: Logger) {
    this.#ctx = ctx;
    this.#log = log;
  }

  start(managers: readonly ManagerConfig[]): void {
    for (const manager of managers) {
      if (!manager.digest) continue;
      const timezone = manager.timeZone ?? this.#ctx.config.timezone;
      const task = cron.schedule(
        manager.digest,
        () => {
          try {
            enqueueDigest(this.#ctx, manager);
            this.#log.info({ manager: manager.id }, 'digest enqueued');
          } catch (err) {
            this.#log.error({ err, manager: manager.id }, 'digest failed');
          }
        },
        { timezone, name: `digest:${manager.id}`, noOverlap: true },
      );
      this.#tasks.push(task);
      this.#log.info(
        { manager: manager.id, schedule: manager.digest, timezone },
        'digest scheduled',
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.#tasks.splice(0).map((task) => task.destroy()));
  }
}
