import { z } from 'zod';
import { localReason } from '../../bot/messages/reasons.js';
import { duration } from '../../config/duration.js';
import { formatDuration } from '../../i18n/format.js';
import type { Locale } from '../../i18n/locale.js';
import type { CheckResult } from '../../monitors/types.js';
import { fillTemplate, showTemplate } from '../template.js';
import type { StepType } from './types.js';

export const verifyStepSchema = z.strictObject({
  type: z.literal('verify'),
  title: z.strictObject({ en: z.string().min(1), 'es-AR': z.string().min(1) }).optional(),
  /** Target id of the monitor that must be healthy; may use `${params.name}`. */
  monitor: z.string().min(1),
  within: duration.default(60_000),
  every: duration.default(3_000),
  /** Consecutive good checks needed. */
  successes: z.number().int().min(1).max(20).default(2),
});
export type VerifyStep = z.output<typeof verifyStepSchema>;

/** Checks the named monitor now and again until it passes `successes` times in a row. */
export const verifyStep: StepType<VerifyStep> = {
  type: 'verify',
  schema: verifyStepSchema,
  describe(step, params, locale) {
    const monitor = showTemplate(step.monitor, { params });
    const within = formatDuration(locale, step.within);
    return locale === 'en'
      ? `verify ${monitor} is healthy within ${within}`
      : `verificar que ${monitor} esté bien antes de ${within}`;
  },
  async run(step, ctx) {
    const monitor = fillTemplate(step.monitor, { env: ctx.env, params: ctx.params });
    const known = ctx.runner.snapshot().some((s) => s.target.id === monitor);
    if (!known) {
      return {
        ok: false,
        text: {
          en: `no monitor named ${monitor}`,
          'es-AR': `no hay un monitor llamado ${monitor}`,
        },
      };
    }
    const deadline = ctx.clock.now() + step.within;
    let streak = 0;
    let checks = 0;
    let last: CheckResult | undefined;
    for (;;) {
      await ctx.runner.runNow(monitor);
      checks += 1;
      const status = ctx.runner.snapshot().find((s) => s.target.id === monitor)?.last?.result;
      streak = status?.ok ? streak + 1 : 0;
      last = status;
      if (streak >= step.successes) {
        return {
          ok: true,
          text: {
            en: `${monitor} healthy (${streak === 1 ? '1 good check' : `${streak} good checks`} of ${checks})`,
            'es-AR': `${monitor} está bien (${streak === 1 ? '1 chequeo bueno' : `${streak} chequeos buenos`} de ${checks})`,
          },
        };
      }
      if (ctx.clock.now() + step.every > deadline) break;
      await ctx.sleep(step.every);
    }
    const why = (locale: Locale) => {
      const reason = last && localReason(locale, last);
      return reason ? `: ${reason}` : '';
    };
    return {
      ok: false,
      text: {
        en: `${monitor} still failing after ${checks === 1 ? '1 check' : `${checks} checks`}${why('en')}`,
        'es-AR': `${monitor} sigue fallando tras ${checks === 1 ? '1 chequeo' : `${checks} chequeos`}${why('es-AR')}`,
      },
    };
  },
};
