import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Receiver, SocketModeReceiver } from '@slack/bolt';
import type { MessageDoc } from '../../bot/messages/doc.js';
import type { CommandRouter } from '../../bot/router.js';
import { type Clock, systemClock } from '../../core/clock.js';
import { GuardiaError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/locale.js';
import type { ChatAdapter, DeliveryOutcome, ExternalRef, OutgoingMessage } from '../types.js';
import { boltLogger } from './bolt-logger.js';
import { classifySlackError, slackErrorCode } from './classify.js';
import { registerSlackHandlers } from './handlers.js';
import {
  renderSlackMessage,
  renderSlackView,
  type SlackFile,
  type SlackRendered,
} from './render.js';
import { UserGroups } from './user-groups.js';

export { SLACK_SURFACE } from './surface.js';

export interface SlackAdapterOptions {
  /** `xoxb-…` bot token (SLACK_BOT_TOKEN). */
  botToken: string;
  /** `xapp-…` app-level token with `connections:write` (SLACK_APP_TOKEN); enables Socket Mode. */
  appToken?: string;
  /** Verifies HTTP requests (SLACK_SIGNING_SECRET); required in HTTP mode. */
  signingSecret?: string;
  /** `auto` uses Socket Mode when an app token is given, HTTP otherwise. */
  mode: 'auto' | 'socket' | 'http';
  /** HTTP mode listening port; 0 picks a free one (see `listeningPort`). */
  port: number;
  /** Replaces https://slack.com/api/ for every Web API call, Socket Mode's included. */
  apiUrl?: string;
  log: Logger;
  /** Builds the Home tab for a user; without it the Home tab is left alone. */
  homeView?: (userId: string) => Promise<MessageDoc>;
  /**
   * Re-publishes the Home tab every `everyMs` for people who opened it within `activeForMs`,
   * so an open dashboard stays live without publishing for everybody who ever looked.
   */
  homeRefresh?: { everyMs: number; activeForMs: number };
  /** Wall clock for the Home tab refresh (tests). */
  now?: () => number;
  /** Language of replies to commands typed in a channel (`undefined`: the Home tab). */
  localeFor?: (channelId: string | undefined) => Locale;
  /** Ages the user-group cache; defaults to the system clock. */
  clock?: Clock;
  /** Web API request timeout in ms (default 10 s); a timeout is classified as `retry`. */
  timeoutMs?: number;
}

const WHERE = {
  SLACK_BOT_TOKEN:
    'Slack app settings → OAuth & Permissions → Bot User OAuth Token (starts with xoxb-)',
  SLACK_APP_TOKEN:
    'Slack app settings → Basic Information → App-Level Tokens → generate one with the ' +
    'connections:write scope (starts with xapp-)',
  SLACK_SIGNING_SECRET: 'Slack app settings → Basic Information → App Credentials → Signing Secret',
} as const;

function missing(envVar: keyof typeof WHERE, why: string): GuardiaError {
  return new GuardiaError(
    'SECRET_MISSING',
    `${envVar} is not set; ${why}. Find it in ${WHERE[envVar]}.`,
    { envVar },
  );
}

/** Decides the transport and checks that its secrets are present, before anything connects. */
export function slackTransport(options: SlackAdapterOptions): 'socket' | 'http' {
  if (!options.botToken) throw missing('SLACK_BOT_TOKEN', 'guardia needs it to post to Slack');
  if (options.mode === 'socket' && !options.appToken) {
    throw missing('SLACK_APP_TOKEN', 'slack.mode is "socket"');
  }
  const transport = options.appToken && options.mode !== 'http' ? 'socket' : 'http';
  if (transport === 'http' && !options.signingSecret) {
    const why =
      options.mode === 'http'
        ? 'slack.mode is "http" and requests must be verified'
        : 'without SLACK_APP_TOKEN guardia receives HTTP requests and must verify them';
    throw missing('SLACK_SIGNING_SECRET', why);
  }
  return transport;
}

/** Slack over Bolt: commands, mentions, DMs and buttons in; outbox messages and files out. */
export class SlackAdapter implements ChatAdapter {
  readonly name = 'slack';
  readonly #options: SlackAdapterOptions;
  readonly #log: Logger;
  readonly #transport: 'socket' | 'http';
  readonly #receiver: HTTPReceiver | SocketModeReceiver;
  readonly #app: App;
  readonly #groups: UserGroups;
  #router: CommandRouter | undefined;
  #port: number | undefined;
  /** Who opened the Home tab, and when: the people whose tab is kept fresh. */
  readonly #homeViewers = new Map<string, number>();
  #homeTimer: NodeJS.Timeout | undefined;

  constructor(options: SlackAdapterOptions) {
    this.#options = options;
    this.#log = options.log.child({ adapter: 'slack' });
    this.#transport = slackTransport(options);
    const logger = boltLogger(this.#log);
    const slackApiUrl = normaliseApiUrl(options.apiUrl);
    const timeout = options.timeoutMs ?? 10_000;
    this.#receiver =
      this.#transport === 'socket'
        ? new SocketModeReceiver({
            appToken: options.appToken ?? '',
            logger,
            // The Socket Mode client builds its own Web API client for apps.connections.open;
            // it keeps its own reconnect retries, which are about the connection, not messages.
            installerOptions: { clientOptions: { ...slackApiUrl, timeout } },
          })
        : new HTTPReceiver({
            signingSecret: options.signingSecret ?? '',
            endpoints: '/slack/events',
            port: options.port,
            logger,
          });
    this.#app = new App({
      token: options.botToken,
      receiver: this.#receiver as Receiver,
      logger,
      // guardia's outbox owns retries and backoff, so the client must fail fast and say why.
      clientOptions: {
        ...slackApiUrl,
        timeout,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
      },
      // auth.test runs in start(), where a bad token can be reported, not in this constructor.
      deferInitialization: true,
    });
    this.#groups = new UserGroups(this.#app.client, options.clock ?? systemClock, this.#log);
    this.#app.error(async (err) => {
      this.#log.error({ err: err.original ?? err, code: err.code }, 'slack handler failed');
    });
    registerSlackHandlers(this.#app, {
      router: () => {
        if (!this.#router) throw new Error('SlackAdapter used before start()');
        return this.#router;
      },
      log: this.#log,
      localeFor: options.localeFor ?? (() => DEFAULT_LOCALE),
      ...(options.homeView ? { publishHome: (user: string) => this.#homeOpened(user) } : {}),
      uploadFiles: (channel, thread, files) => this.#upload(channel, thread, files),
      groupsOf: (userId) => this.#groups.of(userId),
    });
  }

  /** The bound HTTP port once started in HTTP mode; undefined in Socket Mode. */
  listeningPort(): number | undefined {
    return this.#port;
  }

  async start(router: CommandRouter): Promise<void> {
    this.#router = router;
    try {
      await this.#app.init();
    } catch (err) {
      const code = slackErrorCode(err);
      const message = code
        ? `Slack refused SLACK_BOT_TOKEN (${code}); copy it again from ${WHERE.SLACK_BOT_TOKEN}.`
        : 'Could not reach Slack to check SLACK_BOT_TOKEN (auth.test failed).';
      throw new GuardiaError('SLACK_AUTH', message, code ? { slackError: code } : undefined, err);
    }
    if (this.#receiver instanceof HTTPReceiver) {
      const server = await this.#receiver.start(this.#options.port);
      this.#port = (server.address() as AddressInfo).port;
    } else {
      await this.#receiver.start();
    }
    this.#log.info({ transport: this.#transport, port: this.#port }, 'slack connected');
    const refresh = this.#options.homeRefresh;
    if (refresh && this.#options.homeView) {
      this.#homeTimer = setInterval(() => void this.#refreshHomes(), refresh.everyMs);
      this.#homeTimer.unref();
    }
  }

  async #homeOpened(userId: string): Promise<void> {
    this.#homeViewers.set(userId, this.#now());
    await this.#publishHome(userId);
  }

  async #publishHome(userId: string): Promise<void> {
    const build = this.#options.homeView;
    if (!build) return;
    const doc = await build(userId);
    const { blocks } = renderSlackView(doc, { locale: this.#options.localeFor?.(undefined) });
    await this.#app.client.views.publish({ user_id: userId, view: { type: 'home', blocks } });
    this.#log.debug({ user: userId }, 'home tab published');
  }

  /** One refresh round: people who opened the tab recently get it again, the rest are let go. */
  async #refreshHomes(): Promise<void> {
    const refresh = this.#options.homeRefresh;
    if (!refresh) return;
    const cutoff = this.#now() - refresh.activeForMs;
    for (const [user, openedAt] of this.#homeViewers) {
      if (openedAt < cutoff) {
        this.#homeViewers.delete(user);
        continue;
      }
      try {
        await this.#publishHome(user);
      } catch (err) {
        const { code } = classifySlackError(err);
        this.#log.warn({ code, user }, 'home tab refresh failed');
      }
    }
  }

  #now(): number {
    return this.#options.now?.() ?? Date.now();
  }

  async stop(): Promise<void> {
    if (this.#homeTimer) clearInterval(this.#homeTimer);
    this.#homeTimer = undefined;
    if (this.#receiver instanceof HTTPReceiver) {
      if (this.#port !== undefined) await this.#receiver.stop();
    } else {
      // SocketModeReceiver.stop() does not wait for the close handshake; the client's own does.
      await this.#receiver.client.disconnect();
    }
    this.#port = undefined;
    this.#log.info({ transport: this.#transport }, 'slack disconnected');
  }

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    const log = this.#log.child({ outboxId: message.outboxId, channel: message.destination });
    const rendered = renderSlackMessage(message.doc, { locale: message.locale });
    let ref: ExternalRef;
    try {
      ref = await this.#send(message, rendered.text, rendered.blocks, log);
    } catch (err) {
      return this.#classified(err, log, message.op);
    }
    if (rendered.files.length > 0) {
      try {
        await this.#upload(ref.channel, message.thread?.id, rendered.files);
      } catch (err) {
        // The text is out; retrying would post it twice, so a failed upload only degrades.
        const { code } = classifySlackError(err);
        log.warn({ code, files: rendered.files.length }, 'slack file upload failed');
      }
    }
    return { status: 'sent', ref };
  }

  async #send(
    message: OutgoingMessage,
    text: string,
    blocks: SlackRendered['blocks'],
    log: Logger,
  ): Promise<ExternalRef> {
    const chat = this.#app.client.chat;
    if (message.op === 'update' && message.ref) {
      try {
        const res = await chat.update({
          channel: message.ref.channel,
          ts: message.ref.id,
          text,
          blocks,
        });
        return { channel: res.channel ?? message.ref.channel, id: res.ts ?? message.ref.id };
      } catch (err) {
        if (slackErrorCode(err) !== 'message_not_found') throw err;
        log.info({ ts: message.ref.id }, 'slack message to update is gone; posting a new one');
      }
    }
    // A reply goes where its thread is; a replaced message where the old one was.
    const channel =
      (message.op === 'update' ? message.ref?.channel : message.thread?.channel) ??
      message.destination;
    const res = await chat.postMessage({
      channel,
      text,
      blocks,
      ...(message.thread ? { thread_ts: message.thread.id } : {}),
    });
    if (!res.channel || !res.ts) throw new Error('chat.postMessage answered without channel or ts');
    return { channel: res.channel, id: res.ts };
  }

  #classified(err: unknown, log: Logger, op: OutgoingMessage['op']): DeliveryOutcome {
    const { outcome, code, needed } = classifySlackError(err);
    if (outcome.status === 'failed') {
      log.error({ code, op, needed }, 'slack refused message');
    } else {
      log.warn({ code, op, retryAfterMs: outcome.retryAfterMs }, 'slack delivery will be retried');
    }
    return outcome;
  }

  async #upload(channel: string, thread: string | undefined, files: SlackFile[]): Promise<void> {
    await this.#app.client.files.uploadV2({
      channel_id: channel,
      ...(thread ? { thread_ts: thread } : {}),
      file_uploads: files.map((f) => ({
        file: f.path,
        filename: f.path.split('/').pop() ?? 'image.png',
        title: f.title,
        alt_text: f.alt,
      })),
    });
  }
}

/** WebClient joins method names onto the URL, so it must end with a slash. */
function normaliseApiUrl(apiUrl: string | undefined): { slackApiUrl?: string } {
  if (!apiUrl) return {};
  return { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` };
}
