import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultController } from './fault-controller.js';
import { errorReply, type Handler } from './http.js';
import type { FaultKind } from './types.js';

/** Resolves once `kind` is no longer active, or when `signal` aborts. */
function whenLifted(faults: FaultController, kind: FaultKind, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!faults.get(kind) || signal.aborted) return resolve();
    const done = (): void => {
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const unsubscribe = faults.onChange((change) => {
      if (change.type === 'lift' && change.fault.kind === kind) done();
    });
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Wraps a public `/api/*` handler with the API faults: a held request (api-timeout), added
 * latency (api-latency), then a forced status (api-errors).
 */
export function withApiFaults(faults: FaultController, handle: Handler): Handler {
  return async (req) => {
    await whenLifted(faults, 'api-timeout', req.signal);
    const latency = faults.get('api-latency');
    if (latency && !req.signal.aborted) {
      await sleep(latency.options.latencyMs ?? 0, undefined, { signal: req.signal }).catch(
        () => undefined,
      );
    }
    if (req.signal.aborted) return null;
    const errors = faults.get('api-errors');
    if (errors) {
      return errorReply(errors.options.status ?? 500, 'SIMULATED_ERROR', 'simulated failure');
    }
    return handle(req);
  };
}
