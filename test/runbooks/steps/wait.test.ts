import { describe, expect, it } from 'vitest';
import { waitStep, waitStepSchema } from '../../../src/runbooks/steps/wait.js';
import { stepContext } from './helpers.js';

describe('wait step', () => {
  it('sleeps for its duration through the context', async () => {
    const ctx = stepContext();
    const out = await waitStep.run(waitStepSchema.parse({ type: 'wait', duration: '2s' }), ctx);
    expect(ctx.slept).toEqual([2000]);
    expect(out).toEqual({ ok: true, text: { en: 'waited 2 s', 'es-AR': 'esperó 2 s' } });
  });

  it('rejects a duration it cannot read', () => {
    expect(waitStepSchema.safeParse({ type: 'wait', duration: 'soon' }).success).toBe(false);
  });
});
