// biome-ignore-all lint/suspicious/noTemplateCurlyInString: runbook templates are ${…} strings on purpose
import { describe, expect, it } from 'vitest';
import { verifyStep, verifyStepSchema } from '../../../src/runbooks/steps/verify.js';
import { fakeRunner, stepContext } from './helpers.js';

const step = (extra: object = {}) =>
  verifyStepSchema.parse({
    type: 'verify',
    monitor: '${params.monitor}',
    within: '10s',
    every: '2s',
    ...extra,
  });

describe('verify step', () => {
  it('passes after the required consecutive good checks', async () => {
    const runner = fakeRunner('api-health', [{ ok: false }, { ok: true }, { ok: true }]);
    const ctx = stepContext({ runner, params: { monitor: 'api-health' } });
    const out = await verifyStep.run(step(), ctx);
    expect(out.ok).toBe(true);
    expect(runner.calls()).toBe(3);
    expect(out.text.en).toBe('api-health healthy (2 good checks of 3)');
  });

  it('fails at its deadline with the last reason', async () => {
    const runner = fakeRunner('api-health', [{ ok: false, reason: 'answered in 450 ms' }]);
    const out = await verifyStep.run(
      step(),
      stepContext({ runner, params: { monitor: 'api-health' } }),
    );
    expect(out.ok).toBe(false);
    expect(out.text.en).toBe('api-health still failing after 6 checks: answered in 450 ms');
  });

  it("gives the last reason in each reader's language", async () => {
    const slow = {
      ok: false,
      value: 450,
      code: 'PROBE_SLOW' as const,
      reason: 'answered in 450 ms, threshold 200 ms',
      detail: { thresholdMs: 200 },
    };
    const runner = fakeRunner('api-health', [slow]);
    const out = await verifyStep.run(
      step(),
      stepContext({ runner, params: { monitor: 'api-health' } }),
    );
    expect(out.text).toEqual({
      en: 'api-health still failing after 6 checks: answered in 450 ms, threshold 200 ms',
      'es-AR': 'api-health sigue fallando tras 6 chequeos: respondió en 450 ms, umbral 200 ms',
    });
  });

  it('fails clearly for an unknown monitor', async () => {
    const out = await verifyStep.run(step({ monitor: 'nope' }), stepContext());
    expect(out).toEqual({
      ok: false,
      text: { en: 'no monitor named nope', 'es-AR': 'no hay un monitor llamado nope' },
    });
  });
});
