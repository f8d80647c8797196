import type { AlertStore } from '../../alerts/store.js';
import type { Clock } from '../../core/clock.js';
import type { TargetStatus } from '../../monitors/runner.js';
import { statusDoc } from '../messages/status.js';
import type { CommandSpec } from '../router.js';

export interface StatusDeps {
  snapshot: () => TargetStatus[];
  alerts: AlertStore;
  clock: Clock;
}

export function statusCommand(deps: StatusDeps): CommandSpec {
  return {
    name: 'status',
    aliases: ['estado'],
    summary: {
      en: 'current state of every monitored target, with its recent figures',
      'es-AR': 'estado actual de cada objetivo monitoreado, con sus cifras recientes',
    },
    sideEffects: false,
    run: async (ctx) => ({
      doc: statusDoc(ctx.locale, {
        targets: deps.snapshot(),
        openAlerts: deps.alerts.open(),
        now: deps.clock.now(),
      }),
      visibility: 'ephemeral',
    }),
  };
}
