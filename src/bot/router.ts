import { GuardiaError, isGuardiaError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Locale } from '../i18n/locale.js';
import { errorDoc } from './messages/common.js';
import type { MessageDoc } from './messages/doc.js';

/** Who sent a command, as the adapter that received it knows them. */
export interface Caller {
  /** Platform user id (Slack `U…`, `console`, a manager id). */
  id: string;
  name?: string;
  /** Slack user group ids (or other group names) the caller belongs to. */
  groups: string[];
  adapter: string;
}

export interface CommandRequest {
  /** What the person typed after the command word, e.g. `status` or `ack 12`. */
  text: string;
  caller: Caller;
  locale: Locale;
  /** Logical or platform channel the command was typed in, when known. */
  channel?: string;
  /** Adapter delivery id (Slack trigger, envelope id) that makes retries recognisable. */
  deliveryId?: string;
}

export interface CommandReply {
  doc: MessageDoc;
  /** `ephemeral` answers only the caller; `channel` posts for everybody. */
  visibility: 'ephemeral' | 'channel';
}

export interface CommandContext {
  request: CommandRequest;
  locale: Locale;
  log: Logger;
}

/**
 * A command declared as data: the same declaration drives parsing, help text, permission
 * checks and the docs, so they cannot drift apart.
 */
export interface CommandSpec {
  name: string;
  aliases?: string[];
  /** Arguments as shown in help, e.g. `ID` or `[team|exec]`. */
  usage?: string;
  summary: Record<Locale, string>;
  /** True when running it changes something outside guardia (audit and confirmation apply). */
  sideEffects: boolean;
  /** Rejects a caller before the command runs; omitted means everybody may run it. */
  allowed?: (caller: Caller) => boolean;
  run(ctx: CommandContext, args: string[]): Promise<CommandReply>;
}

export interface CommandRouter {
  dispatch(request: CommandRequest): Promise<CommandReply>;
  commands(): readonly CommandSpec[];
}

/** Splits `ack 12 "some reason"` into words, keeping quoted phrases together. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    words.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return words;
}

export class Router implements CommandRouter {
  readonly #specs = new Map<string, CommandSpec>();
  readonly #ordered: CommandSpec[] = [];
  readonly #log: Logger;
  readonly #fallback: string;

  /** `fallback` is the command run for an empty text (usually `help`). */
  constructor(log: Logger, fallback = 'help') {
    this.#log = log;
    this.#fallback = fallback;
  }

  register(spec: CommandSpec): this {
    for (const word of [spec.name, ...(spec.aliases ?? [])]) {
      if (this.#specs.has(word)) throw new Error(`command word registered twice: ${word}`);
      this.#specs.set(word, spec);
    }
    this.#ordered.push(spec);
    return this;
  }

  commands(): readonly CommandSpec[] {
    return this.#ordered;
  }

  async dispatch(request: CommandRequest): Promise<CommandReply> {
    const words = tokenize(request.text.trim());
    const word = (words.shift() ?? this.#fallback).toLowerCase();
    const log = this.#log.child({
      command: word,
      caller: request.caller.id,
      via: request.caller.adapter,
    });
    const spec = this.#specs.get(word);
    const ctx: CommandContext = { request, locale: request.locale, log };
    try {
      if (!spec) {
        throw new GuardiaError('COMMAND_UNKNOWN', unknownText(request.locale, word));
      }
      if (spec.allowed && !spec.allowed(request.caller)) {
        log.info('command refused');
        throw new GuardiaError('COMMAND_FORBIDDEN', forbiddenText(request.locale, spec.name));
      }
      log.debug('command dispatched');
      return await spec.run(ctx, words);
    } catch (err) {
      if (isGuardiaError(err) && err.code !== 'COMMAND_FAILED') {
        log.info({ code: err.code }, 'command rejected');
        return { doc: errorDoc(err), visibility: 'ephemeral' };
      }
      log.error({ err }, 'command failed');
      const wrapped = isGuardiaError(err)
        ? err
        : new GuardiaError('COMMAND_FAILED', failedText(request.locale, word), undefined, err);
      return { doc: errorDoc(wrapped), visibility: 'ephemeral' };
    }
  }
}

function unknownText(locale: Locale, word: string): string {
  return locale === 'en'
    ? `Unknown command "${word}". Type /ops help for the list.`
    : `No conozco el comando "${word}". Escribí /ops help para ver la lista.`;
}

function forbiddenText(locale: Locale, name: string): string {
  return locale === 'en'
    ? `You are not allowed to run "${name}".`
    : `No tenés permiso para ejecutar "${name}".`;
}

function failedText(locale: Locale, name: string): string {
  return locale === 'en'
    ? `"${name}" failed; the details are in guardia's log.`
    : `"${name}" falló; los detalles están en el log de guardia.`;
}
