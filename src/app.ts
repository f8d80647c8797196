import type { Readable, Writable } from 'node:stream';
import { Agent } from 'undici';
import { ConsoleAdapter } from './adapters/console/adapter.js';
import type { ChatAdapter } from './adapters/types.js';
import { createAlertAnnouncer } from './alerts/announcer.js';
import { AlertEngine } from './alerts/engine.js';
import { AlertStore } from './alerts/store.js';
import { helpCommand } from './bot/commands/help.js';
import { statusCommand } from './bot/commands/status.js';
import type { MessageDoc } from './bot/messages/doc.js';
import { statusDoc } from './bot/messages/status.js';
import { Router } from './bot/router.js';
import type { Config } from './config/schema.js';
import type { Secrets } from './config/secrets.js';
import { type Clock, systemClock } from './core/clock.js';
import type { Logger } from './core/logger.js';
import { FEATURES } from './feature-list.js';
import type { AppContext, BaseContext, Feature, Services } from './features.js';
import { HttpServer } from './http/server.js';
import type { Locale } from './i18n/locale.js';
import { buildHttpMonitors } from './monitors/build.js';
import { MonitorRunner } from './monitors/runner.js';
import { Dispatcher, type Route } from './outbox/dispatcher.js';
import { Outbox } from './outbox/outbox.js';
import { MessageRefs } from './outbox/refs.js';
import { openDatabase } from './store/db.js';
import { acquireInstanceLock, type InstanceLock } from './store/instance-lock.js';
import { recentSamples, SampleWriter } from './store/samples.js';

export interface AppIo {
  stdin: Readable;
  stdout: Writable;
}

export interface AppDeps {
  log: Logger;
  clock?: Clock;
  /** Where the console adapter reads commands and prints channels. */
  io: AppIo;
  /** Replaces the chat adapter chosen from the secrets (tests). */
  chat?: ChatAdapter;
  /** Replaces the feature list (tests that want only the core). */
  features?: ReadonlyArray<() => Feature>;
}

export interface Guardia extends AppContext {
  /** Where the webhook server listens, e.g. `http://127.0.0.1:8787`. */
  serverUrl: string;
  dispatcher: Dispatcher;
  stop(): Promise<void>;
}

/**
 * Assembles and starts guardia. Reads top to bottom as the pipeline does:
 * store → alert state → monitors → commands → chat adapters → delivery. `stop` undoes it in
 * the mirror order.
 */
export async function startGuardia(
  config: Config,
  secrets: Secrets,
  deps: AppDeps,
): Promise<Guardia> {
  const clock = deps.clock ?? systemClock;
  const log = deps.log;
  const features = (deps.features ?? FEATURES).map((make) => make());

  const db = openDatabase({ path: config.store.path });
  let lock: InstanceLock;
  try {
    lock = acquireInstanceLock(db, { clock, path: config.store.path });
  } catch (err) {
    db.close();
    throw err;
  }
  const http = new Agent({ keepAliveTimeout: 60_000, connections: 8 });
  const localeFor = (channelKey: string): Locale =>
    config.channels[channelKey]?.locale ?? config.locale;
  const base: BaseContext = { config, secrets, db, clock, log, http, localeFor };

  const outbox = new Outbox(db, clock);
  const refs = new MessageRefs(db, clock);
  const engine = new AlertEngine({
    store: new AlertStore(db),
    clock,
    log: log.child({ component: 'alerts' }),
    policy: {
      failuresToOpen: config.alerting.failuresToOpen,
      successesToResolve: config.alerting.successesToResolve,
      remindEveryMs: config.alerting.remindEvery,
    },
  });

  const samples = new SampleWriter(db);
  const runner = new MonitorRunner({
    monitors: [
      ...buildHttpMonitors(config, http, clock),
      ...features.flatMap((f) => f.monitors?.(base) ?? []),
    ],
    engine,
    samples,
    clock,
    log: log.child({ component: 'monitors' }),
    history: (id, limit) => recentSamples(db, id, limit),
    stagger: true,
  });

  const services: Services = {};
  const statusNow = (locale: Locale) =>
    statusDoc(locale, {
      targets: runner.snapshot(),
      openAlerts: engine.store.open(),
      now: clock.now(),
    });
  const homeView = async (userId: string) =>
    services.home ? services.home(userId, config.locale) : statusNow(config.locale);
  const router = new Router(log.child({ component: 'router' }));
  router.register(statusCommand({ doc: statusNow }));
  router.register(helpCommand(() => router));

  const chat =
    deps.chat ?? (await chooseChatAdapter(config, secrets, deps, clock, homeView, runner));
  const adapters: ChatAdapter[] = [chat];
  const resolvers: Array<(channelKey: string) => Route | undefined> = [];
  const defaultRoute = (channelKey: string): Route | undefined => {
    const channel = config.channels[channelKey];
    if (!channel) return undefined;
    const destination =
      chat.name === 'console' ? `#${channelKey}` : (channel.slack ?? `#${channelKey}`);
    return { adapter: chat, destination, locale: localeFor(channelKey) };
  };
  const route = (channelKey: string) => {
    for (const resolve of resolvers) {
      const found = resolve(channelKey);
      if (found) return found;
    }
    return defaultRoute(channelKey);
  };
  const server = new HttpServer({ ...config.server, log: log.child({ component: 'http' }) });

  const ctx: AppContext = {
    ...base,
    outbox,
    refs,
    engine,
    runner,
    router,
    server,
    chat,
    services,
    addRoute: (resolver) => resolvers.push(resolver),
    addAdapter: (adapter) => adapters.push(adapter),
  };
  const announceAlert = createAlertAnnouncer({
    outbox,
    clock,
    timeZone: config.timezone,
    localeFor,
    statsFor: (id) => runner.statsFor(id),
  });
  // With incidents installed, an alert is announced as (part of) an incident instead: one
  // announcement per transition either way.
  engine.onTransition((transition) => {
    if (!ctx.services.incidents) announceAlert(transition);
  });
  for (const feature of features) await feature.install?.(ctx);

  const dispatcher = new Dispatcher({
    outbox,
    refs,
    route,
    clock,
    log: log.child({ component: 'outbox' }),
  });
  const { url: serverUrl } = await server.listen();
  for (const adapter of adapters) await adapter.start(router);
  dispatcher.start();
  runner.start();
  for (const feature of features) await feature.start?.();
  log.info(
    {
      adapter: chat.name,
      targets: config.targets.length,
      monitors: runner.snapshot().length,
      store: config.store.path,
    },
    'guardia started',
  );

  return {
    ...ctx,
    serverUrl,
    dispatcher,
    async stop() {
      log.info('guardia stopping');
      for (const feature of [...features].reverse()) await feature.stop?.();
      await runner.stop();
      samples.close();
      await dispatcher.stop();
      for (const adapter of [...adapters].reverse()) await adapter.stop();
      await server.close();
      await http.close();
      lock.release();
      db.close();
      log.info('guardia stopped');
    },
  };
}

/** Slack when a bot token is set, otherwise the console; Slack's code loads only when used. */
async function chooseChatAdapter(
  config: Config,
  secrets: Secrets,
  deps: AppDeps,
  clock: Clock,
  homeView: (userId: string) => Promise<MessageDoc>,
  runner: MonitorRunner,
): Promise<ChatAdapter> {
  if (secrets.slackBotToken) {
    const { SlackAdapter } = await import('./adapters/slack/adapter.js');
    return new SlackAdapter({
      botToken: secrets.slackBotToken,
      ...(secrets.slackAppToken ? { appToken: secrets.slackAppToken } : {}),
      ...(secrets.slackSigningSecret ? { signingSecret: secrets.slackSigningSecret } : {}),
      mode: config.slack.mode,
      port: config.slack.port,
      ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}),
      log: deps.log.child({ component: 'slack' }),
      homeView,
      // The launch plan's live dashboard: refreshed every 60 s while somebody has it open.
      homeRefresh: { everyMs: 60_000, activeForMs: config.summaries.homeActiveFor },
      localeFor: () => config.locale,
    });
  }
  return new ConsoleAdapter({
    input: deps.io.stdin,
    output: deps.io.stdout,
    clock,
    log: deps.log.child({ component: 'console' }),
    locale: config.locale,
    timeZone: config.timezone,
    firstRound: runner.firstRound(),
  });
}
