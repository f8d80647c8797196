import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import type { SimErrorCode } from './errors.js';

export interface SimRequest {
  method: string;
  path: string;
  /** Values of `:name` segments in the route path. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; `undefined` when there was none. */
  body: unknown;
  /** Aborts when the client goes away or the simulator closes. */
  signal: AbortSignal;
}

export type SimReply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string };

/** `null` means the request was abandoned and nothing should be written. */
export type Handler = (req: SimRequest) => SimReply | null | Promise<SimReply | null>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Literal segments and `:name` placeholders, e.g. `/admin/faults/:kind`. */
  path: string;
  handle: Handler;
}

export const json = (status: number, body: unknown): SimReply => ({ status, json: body });

export function errorReply(
  status: number,
  code: SimErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): SimReply {
  return { status, json: { error: { code, message, ...extra } } };
}

/** A 400 naming the first field the schema refused, with every issue listed after it. */
export function invalidBody(error: z.ZodError, under: readonly string[] = []): SimReply {
  const issues = error.issues.map((issue) => ({
    field: [...under, ...issue.path.map(String)].join('.') || '(body)',
    message: issue.message,
  }));
  const first = issues[0] ?? { field: '(body)', message: 'invalid' };
  return errorReply(400, 'INVALID_BODY', `${first.field}: ${first.message}`, {
    field: first.field,
    issues,
  });
}

/** Finds the route for a method and path, with its `:name` values. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, i) => {
      const actual = segments[i] ?? '';
      if (part.startsWith(':')) {
        const value = safeDecode(actual);
        if (value === undefined || value.length === 0) return false;
        params[part.slice(1)] = value;
        return true;
      }
      return part === actual;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
