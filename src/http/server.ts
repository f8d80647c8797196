import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { portError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';

export interface HttpRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** The raw body: signature checks need the exact bytes. */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type HttpHandler = (req: HttpRequest) => Promise<HttpResponse>;

export interface HttpServerOptions {
  host: string;
  port: number;
  log: Logger;
  /** Requests with larger bodies are refused with 413. */
  maxBodyBytes?: number;
}

/**
 * guardia's own small HTTP server for webhooks and ingestion (Twilio, analytics events,
 * health). Features add routes before `listen`; Slack's receiver keeps its own server.
 */
export class HttpServer {
  readonly #o: HttpServerOptions;
  readonly #routes = new Map<string, HttpHandler>();
  #server: Server | undefined;

  constructor(options: HttpServerOptions) {
    this.#o = options;
    this.route('GET', '/healthz', async () => json(200, { ok: true }));
  }

  route(method: string, path: string, handler: HttpHandler): void {
    const key = `${method.toUpperCase()} ${path}`;
    if (this.#routes.has(key)) throw new Error(`HTTP route registered twice: ${key}`);
    this.#routes.set(key, handler);
  }

  get routeCount(): number {
    return this.#routes.size;
  }

  async listen(): Promise<{ url: string; port: number }> {
    const server = createServer((req, res) => void this.#serve(req, res));
    this.#server = server;
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', (err) =>
        reject(portError(err, 'The webhook server', 'server.port', this.#o.port)),
      );
      server.listen(this.#o.port, this.#o.host, () => resolveListen());
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://${this.#o.host}:${port}`;
    this.#o.log.info({ url, routes: this.#routes.size }, 'http server listening');
    return { url, port };
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeIdleConnections();
    await new Promise<void>((done) => server.close(() => done()));
    this.#server = undefined;
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://guardia');
    const handler = this.#routes.get(`${req.method ?? 'GET'} ${url.pathname}`);
    let reply: HttpResponse;
    try {
      if (!handler) {
        reply = json(404, {
          error: 'NOT_FOUND',
          message: `no route ${req.method} ${url.pathname}`,
        });
      } else {
        const body = await readBody(req, this.#o.maxBodyBytes ?? 10 * 1024 * 1024);
        if (body === undefined) {
          reply = json(413, { error: 'TOO_LARGE', message: 'request body too large' });
        } else {
          reply = await handler({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            headers: req.headers,
            body,
          });
        }
      }
    } catch (err) {
      this.#o.log.error({ err, path: url.pathname }, 'http handler failed');
      reply = json(500, { error: 'INTERNAL', message: 'internal error; see guardia log' });
    }
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  }
}

export function json(status: number, value: unknown): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(value),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
