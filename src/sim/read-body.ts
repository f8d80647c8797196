import type { IncomingMessage } from 'node:http';
import { errorReply, type SimReply } from './http.js';

const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; reply: SimReply };

/** Reads and parses a JSON body; an empty body is `undefined`, not an error. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    // Drain an oversized body instead of stopping: stopping destroys the socket before the 413.
    for await (const chunk of req) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += buffer.length;
      if (size <= MAX_BODY_BYTES) chunks.push(buffer);
    }
  } catch {
    return { ok: false, reply: errorReply(400, 'BAD_JSON', 'body could not be read') };
  }
  if (size > MAX_BODY_BYTES) {
    return { ok: false, reply: errorReply(413, 'BODY_TOO_LARGE', 'body over 64 KiB') };
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, reply: errorReply(400, 'BAD_JSON', 'body is not valid JSON') };
  }
}
