import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TargetInfo } from '../../src/monitors/types.js';
import type { Simulator } from '../../src/sim/index.js';
import { startTestSim } from '../sim/helpers.js';

/** A target of one monitor kind, named after it. */
export const info = (kind: string): TargetInfo => ({
  id: kind,
  name: kind,
  kind,
  intervalMs: 30_000,
  severity: 'critical',
  channelKey: 'alerts',
  unit: 'ms',
  window: 50,
});

/**
 * One simulator and one HTTP agent for a describe block; faults are lifted after each test so
 * tests do not see each other's. Read `sim` inside tests (it is set in `beforeAll`).
 */
export function simulatorPerSuite(): { readonly sim: Simulator; http: Agent } {
  const state = { sim: undefined as Simulator | undefined, http: new Agent() };
  beforeAll(async () => {
    state.sim = await startTestSim();
  });
  afterEach(() => {
    for (const f of state.sim?.faults.active() ?? []) state.sim?.faults.lift(f.kind);
  });
  afterAll(async () => {
    await state.sim?.close();
    await state.http.close();
  });
  return {
    get sim() {
      if (!state.sim) throw new Error('simulator not started yet');
      return state.sim;
    },
    http: state.http,
  };
}
