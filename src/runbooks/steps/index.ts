import { z } from 'zod';
import { type HttpStep, httpStep, httpStepSchema } from './http.js';
import type { StepContext, StepOutcome } from './types.js';
import { type VerifyStep, verifyStep, verifyStepSchema } from './verify.js';
import { type WaitStep, waitStep, waitStepSchema } from './wait.js';

/** Every step type a runbook may use; add a plug-in here and to the union below. */
export const stepSchema = z.discriminatedUnion('type', [
  httpStepSchema,
  waitStepSchema,
  verifyStepSchema,
]);
export type RunbookStep = HttpStep | WaitStep | VerifyStep;

export function describeStep(
  step: RunbookStep,
  params: StepContext['params'],
  locale: 'en' | 'es-AR',
) {
  switch (step.type) {
    case 'http':
      return httpStep.describe(step, params, locale);
    case 'wait':
      return waitStep.describe(step, params, locale);
    case 'verify':
      return verifyStep.describe(step, params, locale);
  }
}

export function runStep(step: RunbookStep, ctx: StepContext): Promise<StepOutcome> {
  switch (step.type) {
    case 'http':
      return httpStep.run(step, ctx);
    case 'wait':
      return waitStep.run(step, ctx);
    case 'verify':
      return verifyStep.run(step, ctx);
  }
}
