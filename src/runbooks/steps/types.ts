import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';
import type { Locale } from '../../i18n/locale.js';
import type { TargetStatus } from '../../monitors/runner.js';
import type { CheckResult } from '../../monitors/types.js';
import type { ParamValue } from '../template.js';

/** What a step may use; the executor passes the app's collaborators (tests pass fakes). */
export interface StepContext {
  http: Dispatcher;
  env: Readonly<Record<string, string>>;
  params: Readonly<Record<string, ParamValue>>;
  runner: {
    runNow(targetId: string): Promise<void>;
    snapshot(): TargetStatus[];
    judgeSince?(targetId: string, since: number): CheckResult | undefined;
  };
  clock: Clock;
  log: Logger;
  /** Resolves after `ms`, or early (rejecting) when the run is aborted. */
  sleep(ms: number): Promise<void>;
  signal: AbortSignal;
}

export interface StepOutcome {
  ok: boolean;
  /** One line for the progress message and the result, in each language. */
  text: Record<Locale, string>;
}

/**
 * A runbook step type is a plug-in: its YAML shape (a zod schema with a `type` literal), a
 * description for dry runs and progress that never reveals secrets, and how to run it.
 */
export interface StepType<S extends { type: string }> {
  readonly type: S['type'];
  readonly schema: z.ZodType<S>;
  describe(step: S, params: Readonly<Record<string, ParamValue>>, locale: Locale): string;
  run(step: S, ctx: StepContext): Promise<StepOutcome>;
}
