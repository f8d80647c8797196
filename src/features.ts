import type { Dispatcher as HttpDispatcher } from 'undici';
import type { ChatAdapter } from './adapters/types.js';
import type { AlertEngine } from './alerts/engine.js';
import type { EventStore } from './analytics/ingest.js';
import type { AuditLog } from './audit/audit-log.js';
import type { MessageDoc } from './bot/messages/doc.js';
import type { Router } from './bot/router.js';
import type { Config } from './config/schema.js';
import type { Secrets } from './config/secrets.js';
import type { Clock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import type { HttpServer } from './http/server.js';
import type { Locale } from './i18n/locale.js';
import type { IncidentService } from './incidents/service.js';
import type { MonitorRunner } from './monitors/runner.js';
import type { Monitor } from './monitors/types.js';
import type { Route } from './outbox/dispatcher.js';
import type { Outbox } from './outbox/outbox.js';
import type { MessageRefs } from './outbox/refs.js';
import type { ReportService } from './reports/service.js';
import type { RunbookService } from './runbooks/service.js';
import type { Db } from './store/db.js';
import type { SummaryService } from './summaries/service.js';

/**
 * Services one feature offers to others, looked up at run time (a feature may be absent).
 * Each feature adds its own optional field here.
 */
export interface Services {
  /** The append-only audit log (who did what), written by every feature that acts. */
  audit?: AuditLog;
  /** Incidents opened from alerts; absent when `incidents.enabled` is false. */
  incidents?: IncidentService;
  /** Runbooks: what may run, suggestions for incidents. */
  runbooks?: RunbookService;
  /** Stores analytics events (validation, de-duplication, rollups). */
  analytics?: EventStore;
  /** Market and readiness reports: figures, MessageDocs and headlines. */
  reports?: ReportService;
  /** The Slack Home tab for a user; without it the Home tab shows `/ops status`. */
  home?: (userId: string, locale: Locale) => Promise<MessageDoc>;
  /** Team and executive summaries as docs (WhatsApp digests, dashboards). */
  summaries?: SummaryService;
}

/** What exists before monitors are built. */
export interface BaseContext {
  config: Readonly<Config>;
  secrets: Secrets;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Shared keep-alive HTTP client for probes and admin calls. */
  http: HttpDispatcher;
  localeFor(channelKey: string): Locale;
}

/** Everything a feature may use once the core is assembled. */
export interface AppContext extends BaseContext {
  outbox: Outbox;
  refs: MessageRefs;
  engine: AlertEngine;
  runner: MonitorRunner;
  router: Router;
  /** guardia's webhook server; routes must be added during `install`. */
  server: HttpServer;
  /** The chat adapter that serves the configured channels (Slack or console). */
  chat: ChatAdapter;
  /** Adds a route resolver consulted before the default one (e.g. `manager:*` → WhatsApp). */
  addRoute(resolver: (channelKey: string) => Route | undefined): void;
  /** Filled in by features during `install`; read at run time, never during `install`. */
  services: Services;
  /** Adds another adapter (e.g. WhatsApp) that is started and stopped with the app. */
  addAdapter(adapter: ChatAdapter): void;
}

/**
 * A feature plugs into the app without the app knowing its details: monitors, commands,
 * listeners, routes, HTTP endpoints and schedules. Features are listed in `src/feature-list.ts`.
 */
export interface Feature {
  readonly name: string;
  /** Monitors this feature contributes to the runner. */
  monitors?(ctx: BaseContext): Monitor[];
  /** Registers commands, alert listeners, routes and HTTP endpoints. */
  install?(ctx: AppContext): void | Promise<void>;
  /** Starts schedules; called after adapters and monitors have started. */
  start?(): void | Promise<void>;
  /** Stops schedules and waits for work in flight; called before the core stops. */
  stop?(): void | Promise<void>;
}
