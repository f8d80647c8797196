import { describe, expect, it } from 'vitest';
import { Router } from '../../src/bot/router.js';
import { silentLogger } from '../../src/core/logger.js';
import { runbookCommands } from '../../src/runbooks/commands.js';
import type { RunbookService } from '../../src/runbooks/service.js';

describe('confirm and cancel', () => {
  // A service that may be asked who sees runbooks, and must not be asked anything else.
  const service = {
    visibleTo: () => [{ id: 'clear-api-cache' }],
    confirm: () => {
      throw new Error('confirm called without a token');
    },
    cancel: () => {
      throw new Error('cancel called without a token');
    },
  } as unknown as RunbookService;
  const router = new Router(silentLogger());
  for (const spec of runbookCommands(service)) router.register(spec);
  const say = async (text: string, locale: 'en' | 'es-AR') =>
    (
      await router.dispatch({
        text,
        caller: { id: 'console', groups: [], adapter: 'console' },
        locale,
      })
    ).doc.text;

  it.each([
    ['confirm', 'en', 'Usage: confirm TOKEN, with the token'],
    ['cancel', 'es-AR', 'Uso: cancel TOKEN, con el código'],
  ] as const)(
    '%s without a token says where the token comes from (%s)',
    async (verb, locale, hint) => {
      expect(await say(verb, locale)).toContain(hint);
    },
  );
});
