import { helpDoc } from '../messages/help.js';
import type { CommandRouter, CommandSpec } from '../router.js';

export function helpCommand(router: () => CommandRouter): CommandSpec {
  return {
    name: 'help',
    aliases: ['ayuda'],
    summary: { en: 'this list of commands', 'es-AR': 'esta lista de comandos' },
    sideEffects: false,
    run: async (ctx) => {
      const caller = ctx.request.caller;
      const visible = router()
        .commands()
        .filter((c) => !c.allowed || c.allowed(caller));
      return { doc: helpDoc(ctx.locale, visible), visibility: 'ephemeral' };
    },
  };
}
