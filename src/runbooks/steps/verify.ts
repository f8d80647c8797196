import { z } from 'zod';
import { localReason } from '../../bot/messages/reasons.js';
import { duration } from '../../config/duration.js';
import { formatDuration } from '../../i18n/format.js';
import { defineCatalog, LOCALES, type Locale } from '../../i18n/locale.js';
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

const t = defineCatalog({
  en: {
    healthy: '{monitor} healthy ({streak|1 good check|# good checks} of {checks})',
    failing: '{monitor} still failing after {checks|1 check|# checks}',
    undecided: '{monitor}: not enough data since the fix after {checks|1 check|# checks}',
  },
  'es-AR': {
    healthy: '{monitor} está bien ({streak|1 chequeo bueno|# chequeos buenos} de {checks})',
    failing: '{monitor} sigue fallando tras {checks|1 chequeo|# chequeos}',
    undecided: '{monitor}: datos insuficientes desde el arreglo tras {checks|1 chequeo|# chequeos}',
  },
});

function texts(
  key: 'healthy' | 'failing' | 'undecided',
  params: Record<string, string | number>,
): Record<Locale, string> {
  return { en: t('en', key, params), 'es-AR': t('es-AR', key, params) };
}

/**
 * Checks the named monitor now and again until it passes `successes` times in a row. A rate is
 * judged on the attempts since the step began, so a runbook can tell whether its fix worked
 * without waiting for the failures before it to leave the rate's window.
 */
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
    const judged = (since: number) =>
      ctx.runner.judgeSince?.(monitor, since) ??
      ctx.runner.snapshot().find((s) => s.target.id === monitor)?.last?.result;
    let since: number | undefined;
    let streak = 0;
    let checks = 0;
    let last: CheckResult | undefined;
    for (;;) {
      await ctx.runner.runNow(monitor);
      checks += 1;
      // A monitor that judges a window (a rate) is judged on what it saw from this first
      // check on: the failures the fix ended are still in its window for minutes.
      since ??= ctx.clock.now();
      last = judged(since);
      // Too little data since the fix says nothing either way: it neither counts nor resets.
      if (!last?.inconclusive) streak = last?.ok ? streak + 1 : 0;
      if (streak >= step.successes) {
        return { ok: true, text: texts('healthy', { monitor, streak, checks }) };
      }
      if (ctx.clock.now() + step.every > deadline) break;
      await ctx.sleep(step.every);
    }
    const out = texts(last?.inconclusive ? 'undecided' : 'failing', { monitor, checks });
    if (last) {
      for (const locale of LOCALES) {
        const reason = localReason(locale, last);
        if (reason) out[locale] += `: ${reason}`;
      }
    }
    return { ok: false, text: out };
  },
};
