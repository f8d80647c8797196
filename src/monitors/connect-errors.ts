/**
 * Network and TLS error codes a probe can meet, in the English of logs and history. Chat
 * messages phrase the same codes in the reader's language (src/bot/messages/reasons-probe.ts).
 */
export const CONNECT_ERRORS = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host name not found (DNS)',
  EAI_AGAIN: 'DNS lookup failed temporarily',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_SOCKET: 'connection closed by the server',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
} as const;

export type ConnectError = keyof typeof CONNECT_ERRORS;

export function isConnectError(code: unknown): code is ConnectError {
  return typeof code === 'string' && Object.hasOwn(CONNECT_ERRORS, code);
}
