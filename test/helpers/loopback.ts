/**
 * A loopback HTTP server whose answer the test controls: status, JSON body and delay. It
 * counts requests and TCP connections so tests can check connection reuse.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status: number;
  body: unknown;
  /** Milliseconds to wait before answering. */
  delayMs: number;
}

export class LoopbackServer {
  answer: Answer = { status: 200, body: { status: 'ok' }, delayMs: 0 };
  requests = 0;
  connections = 0;
  readonly #server: Server;
  readonly #timers = new Set<NodeJS.Timeout>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<LoopbackServer> {
    const server = createServer();
    const loopback = new LoopbackServer(server);
    server.on('connection', () => {
      loopback.connections += 1;
    });
    server.on('request', (_req, res) => {
      loopback.requests += 1;
      const { status, body, delayMs } = loopback.answer;
      const send = () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      };
      if (delayMs <= 0) return send();
      const timer = setTimeout(() => {
        loopback.#timers.delete(timer);
        send();
      }, delayMs);
      loopback.#timers.add(timer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return loopback;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Closes kept-alive idle connections, as a server with a short keep-alive timeout would. */
  dropIdleConnections(): void {
    this.#server.closeIdleConnections();
  }

  set(answer: Partial<Answer>): void {
    this.answer = { ...this.answer, ...answer };
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

/** A port nobody listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
