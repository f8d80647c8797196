import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import { FAULTS } from './faults.js';
import type { ActiveFault, FaultKind, FaultOptions } from './types.js';

export interface FaultChange {
  type: 'inject' | 'lift';
  fault: ActiveFault;
}

/** Programmatic control of the simulator's faults; the admin endpoints call the same methods. */
export interface FaultController {
  /**
   * Activates a fault, replacing an active one of the same kind. Options are checked against
   * the fault table; invalid ones throw the schema's ZodError.
   */
  inject(kind: FaultKind, options?: FaultOptions): ActiveFault;
  /** Lifts the fault with this kind or id; `undefined` when none was active. */
  lift(kindOrId: FaultKind | string): ActiveFault | undefined;
  liftAll(): ActiveFault[];
  active(): ActiveFault[];
  get(kind: FaultKind): ActiveFault | undefined;
  /** Called after every inject and lift; returns the unsubscribe function. */
  onChange(listener: (change: FaultChange) => void): () => void;
}

export function createFaultController(log: Logger, clock: Clock): FaultController {
  const faults = new Map<FaultKind, ActiveFault>();
  const listeners = new Set<(change: FaultChange) => void>();
  let injected = 0;

  const emit = (change: FaultChange): void => {
    for (const listener of listeners) listener(change);
  };

  const remove = (fault: ActiveFault): ActiveFault => {
    faults.delete(fault.kind);
    log.info({ fault: fault.kind, faultId: fault.id }, 'fault lifted');
    emit({ type: 'lift', fault });
    return fault;
  };

  return {
    inject(kind, options = {}) {
      const resolved = FAULTS[kind].options.parse(options);
      const previous = faults.get(kind);
      if (previous) remove(previous);
      injected += 1;
      const fault: ActiveFault = {
        id: `${kind}-${injected}`,
        kind,
        options: resolved,
        since: new Date(clock.now()).toISOString(),
      };
      faults.set(kind, fault);
      log.info({ fault: kind, faultId: fault.id, options: resolved }, 'fault injected');
      emit({ type: 'inject', fault });
      return fault;
    },
    lift(kindOrId) {
      const fault = [...faults.values()].find((f) => f.kind === kindOrId || f.id === kindOrId);
      return fault ? remove(fault) : undefined;
    },
    liftAll() {
      return [...faults.values()].map(remove);
    },
    active: () => [...faults.values()],
    get: (kind) => faults.get(kind),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
