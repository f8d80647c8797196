export { SIM_ERROR_CODES, type SimErrorCode } from './errors.js';
export type { FaultChange, FaultController } from './fault-controller.js';
export { FAULTS, type FaultSpec, type RemediationAction } from './faults.js';
export { REMEDIATIONS } from './remediations.js';
export { DEMO_SCENARIO, runScenario, type ScenarioStep } from './scenario.js';
export {
  DEFAULT_SIM_PORT,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from './server.js';
export { TICK_SIMULATED_MS } from './traffic.js';
export * from './types.js';
