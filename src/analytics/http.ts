import { timingSafeEqual } from 'node:crypto';
import type { Logger } from '../core/logger.js';
import { type HttpHandler, json } from '../http/server.js';
import type { EventStore } from './ingest.js';
import type { BatchFormat } from './parse.js';

export interface IngestHandlerOptions {
  store: EventStore;
  /** The expected bearer token; undefined refuses every request (ingestion is off). */
  token: string | undefined;
  log: Logger;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A body starting with `[` is a JSON array whatever the content type says; else NDJSON. */
function formatOf(body: string): BatchFormat {
  return body.trimStart().startsWith('[') ? 'json' : 'ndjson';
}

/**
 * POST /v1/events: a JSON array or NDJSON of analytics events. Answers 200 when every record
 * was stored or already known, 207 when some were rejected (each with its line and reason),
 * 401 without the right bearer token.
 */
export function ingestHandler(o: IngestHandlerOptions): HttpHandler {
  return async (req) => {
    const header = req.headers.authorization ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (!o.token || !given || !sameToken(given, o.token)) {
      o.log.info({ configured: Boolean(o.token) }, 'ingest refused');
      return json(401, {
        error: 'INGEST_UNAUTHORIZED',
        message: o.token
          ? 'send Authorization: Bearer <token>'
          : 'ingestion is off: the ingest token is not set in the environment',
      });
    }
    const text = req.body.toString('utf8');
    const report = o.store.ingestText(text, formatOf(text));
    o.log.debug(
      {
        received: report.received,
        accepted: report.accepted,
        duplicates: report.duplicates,
        rejected: report.rejected.length,
      },
      'batch ingested',
    );
    return json(report.rejected.length > 0 ? 207 : 200, report);
  };
}
