/**
 * Error codes the simulator answers with, in `{ error: { code, message } }` bodies.
 * docs/simulator.md lists them; a test keeps the two in step.
 */
export const SIM_ERROR_CODES = {
  NOT_FOUND: 'No endpoint at this path',
  BAD_JSON: 'The request body is not valid JSON',
  BODY_TOO_LARGE: 'The request body is over 64 KiB',
  INVALID_BODY: 'The request body does not match the schema; `field` names the first problem',
  UNAUTHORIZED: 'Missing or wrong bearer token',
  UNKNOWN_FAULT: 'No fault kind or active fault id by that name',
  DB_UNAVAILABLE: 'The simulated database pool is exhausted',
  SLOT_TAKEN: 'The service is already booked at that time',
  SIMULATED_ERROR: 'Answer forced by the api-errors fault',
  DEPENDENCY_DOWN: 'The simulated third-party service is down',
  INTERNAL: 'The simulator itself failed; its log has the detail',
} as const;

export type SimErrorCode = keyof typeof SIM_ERROR_CODES;
