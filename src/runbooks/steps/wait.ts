import { z } from 'zod';
import { duration } from '../../config/duration.js';
import { formatDuration } from '../../i18n/format.js';
import type { StepType } from './types.js';

export const waitStepSchema = z.strictObject({
  type: z.literal('wait'),
  title: z.strictObject({ en: z.string().min(1), 'es-AR': z.string().min(1) }).optional(),
  duration,
});
export type WaitStep = z.output<typeof waitStepSchema>;

/** Gives the platform time to settle (caches refill, workers come back). */
export const waitStep: StepType<WaitStep> = {
  type: 'wait',
  schema: waitStepSchema,
  describe(step, _params, locale) {
    return `${locale === 'en' ? 'wait' : 'esperar'} ${formatDuration(locale, step.duration)}`;
  },
  async run(step, ctx) {
    await ctx.sleep(step.duration);
    return {
      ok: true,
      text: {
        en: `waited ${formatDuration('en', step.duration)}`,
        'es-AR': `esperó ${formatDuration('es-AR', step.duration)}`,
      },
    };
  },
};
