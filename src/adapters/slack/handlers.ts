import type { App, Middleware, RespondFn, SlackEventMiddlewareArgs, webApi } from '@slack/bolt';
import type { Caller, CommandReply, CommandRequest, CommandRouter } from '../../bot/router.js';
import type { Logger } from '../../core/logger.js';
import type { Locale } from '../../i18n/locale.js';
import { renderSlackMessage, type SlackFile } from './render.js';
import { ACTION_ID_PATTERN, SLACK_SURFACE, type SlackEventSubscription } from './surface.js';

export interface HandlerDeps {
  /** The router given to `start`; handlers only run after it is set. */
  router: () => CommandRouter;
  log: Logger;
  localeFor: (channelId: string | undefined) => Locale;
  /** Publishes the Home tab for a user who just opened it; absent: the tab is left alone. */
  publishHome?: (userId: string) => Promise<void>;
  uploadFiles: (channel: string, thread: string | undefined, files: SlackFile[]) => Promise<void>;
  /** The user groups of a caller, for permissions; omitted means none. */
  groupsOf?: (userId: string) => Promise<string[]>;
}

type WebClient = webApi.WebClient;
type EventHandler<E extends string> = Middleware<SlackEventMiddlewareArgs<E>>;

/**
 * Registers one handler per entry of SLACK_SURFACE. Every path acknowledges first (Slack gives
 * three seconds), then dispatches the text to the router, then replies.
 */
export function registerSlackHandlers(app: App, deps: HandlerDeps): void {
  for (const command of SLACK_SURFACE.commands) {
    app.command(command, async ({ command: body, ack, respond }) => {
      await ack();
      const request = commandRequest(deps, {
        text: body.text,
        caller: caller(body.user_id, body.user_name),
        channel: body.channel_id,
        deliveryId: body.trigger_id,
      });
      const reply = await dispatch(deps, request);
      await replyWithRespond(respond, reply, request.locale);
      if (reply.visibility === 'channel') await uploadReplyFiles(deps, reply, body.channel_id);
    });
  }

  const events: Record<SlackEventSubscription, () => void> = {
    app_mention: () => app.event('app_mention', onMention(deps)),
    'message.im': () => app.event('message', onDirectMessage(deps)),
    app_home_opened: () => app.event('app_home_opened', onHomeOpened(deps)),
  };
  for (const event of SLACK_SURFACE.events) events[event]();

  if (SLACK_SURFACE.actions) {
    app.action(ACTION_ID_PATTERN, async ({ ack, body, action, respond, client }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button') return;
      const channel = body.channel?.id;
      const request = commandRequest(deps, {
        text: action.value ?? '',
        caller: caller(body.user.id, body.user.username ?? body.user.name),
        channel,
        deliveryId: body.trigger_id,
      });
      const reply = await dispatch(deps, request);
      if (body.response_url) {
        await replyWithRespond(respond, { ...reply, visibility: 'ephemeral' }, request.locale);
      } else {
        // Buttons on the Home tab have no response URL; the answer goes to the app's DM.
        await postReply(client, reply, request.locale, { channel: body.user.id });
      }
    });
  }
}

function onMention(deps: HandlerDeps): EventHandler<'app_mention'> {
  return async ({ event, client, context, body }) => {
    if (!event.user) return;
    const request = commandRequest(deps, {
      text: stripMention(event.text, context.botUserId),
      caller: caller(event.user),
      channel: event.channel,
      deliveryId: body.event_id,
    });
    const reply = await dispatch(deps, request);
    const thread = event.thread_ts ?? event.ts;
    await postReply(client, reply, request.locale, {
      channel: event.channel,
      thread,
      user: event.user,
    });
    if (reply.visibility === 'channel') await uploadReplyFiles(deps, reply, event.channel, thread);
  };
}

function onDirectMessage(deps: HandlerDeps): EventHandler<'message'> {
  return async ({ event, client, body }) => {
    // Edits, joins, bot posts (including guardia's own replies) and file shares are not commands.
    if (event.subtype !== undefined) return;
    if (event.channel_type !== 'im' || event.bot_id || !event.user) return;
    const request = commandRequest(deps, {
      text: event.text ?? '',
      caller: caller(event.user),
      channel: event.channel,
      deliveryId: body.event_id,
    });
    const reply = await dispatch(deps, request);
    const thread = event.thread_ts ?? event.ts;
    // A DM is private already, so even an ephemeral reply is posted as a normal message.
    await postReply(client, { ...reply, visibility: 'channel' }, request.locale, {
      channel: event.channel,
      thread,
    });
    await uploadReplyFiles(deps, reply, event.channel, thread);
  };
}

function onHomeOpened(deps: HandlerDeps): EventHandler<'app_home_opened'> {
  return async ({ event }) => {
    if (event.tab !== 'home' || !deps.publishHome) return;
    await deps.publishHome(event.user);
  };
}

interface RequestParts {
  text: string;
  caller: Caller;
  channel: string | undefined;
  deliveryId: string | undefined;
}

function commandRequest(deps: HandlerDeps, parts: RequestParts): CommandRequest {
  const request: CommandRequest = {
    text: commandText(parts.text),
    caller: parts.caller,
    locale: deps.localeFor(parts.channel),
  };
  if (parts.channel !== undefined) request.channel = parts.channel;
  if (parts.deliveryId !== undefined) request.deliveryId = parts.deliveryId;
  return request;
}

async function dispatch(deps: HandlerDeps, request: CommandRequest): Promise<CommandReply> {
  deps.log.debug({ caller: request.caller.id, channel: request.channel }, 'command received');
  const groups = (await deps.groupsOf?.(request.caller.id)) ?? [];
  return deps.router().dispatch({ ...request, caller: { ...request.caller, groups } });
}

async function replyWithRespond(respond: RespondFn, reply: CommandReply, locale: Locale) {
  const { text, blocks } = renderSlackMessage(reply.doc, { locale });
  await respond({
    response_type: reply.visibility === 'channel' ? 'in_channel' : 'ephemeral',
    replace_original: false,
    text,
    blocks,
  });
}

interface ReplyTarget {
  channel: string;
  thread?: string;
  /** Who sees an ephemeral reply; without it the reply is posted normally. */
  user?: string;
}

async function postReply(
  client: WebClient,
  reply: CommandReply,
  locale: Locale,
  target: ReplyTarget,
): Promise<void> {
  const { text, blocks } = renderSlackMessage(reply.doc, { locale });
  const thread = target.thread === undefined ? {} : { thread_ts: target.thread };
  if (reply.visibility === 'ephemeral' && target.user) {
    await client.chat.postEphemeral({
      channel: target.channel,
      user: target.user,
      text,
      blocks,
      ...thread,
    });
    return;
  }
  await client.chat.postMessage({ channel: target.channel, text, blocks, ...thread });
}

/** Images cannot be ephemeral (an upload is visible to the channel), so only public replies get them. */
async function uploadReplyFiles(
  deps: HandlerDeps,
  reply: CommandReply,
  channel: string,
  thread?: string,
): Promise<void> {
  const { files } = renderSlackMessage(reply.doc);
  if (files.length > 0) await deps.uploadFiles(channel, thread, files);
}

function caller(id: string, name?: string): Caller {
  const who: Caller = { id, groups: [], adapter: 'slack' };
  if (name) who.name = name;
  return who;
}

/**
 * What the router expects: the words after `/ops`. Button values carry the command as a person
 * would type it (`/ops ack 12`); mentions arrive with the bot's `<@U…>` in front; Slack escapes
 * `&`, `<` and `>` in what people type.
 */
export function commandText(raw: string): string {
  return raw
    .replace(/^\s*\/ops\b/, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

export function stripMention(text: string, botUserId: string | undefined): string {
  const own = botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : null;
  const withoutOwn = own ? text.replace(own, ' ') : text.replace(/^\s*<@[A-Z0-9]+(\|[^>]*)?>/, '');
  return withoutOwn.replace(/\s+/g, ' ').trim();
}
