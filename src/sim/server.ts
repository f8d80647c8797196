import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { SimContext } from './context.js';
import { createDbModel } from './db-model.js';
import { createFaultController, type FaultController } from './fault-controller.js';
import { errorReply, matchRoute, type Route, type SimReply } from './http.js';
import { createRandom } from './random.js';
import { readJsonBody } from './read-body.js';
import { adminRoutes, refuseWithoutAdminToken } from './routes-admin.js';
import { apiRoutes } from './routes-api.js';
import { platformRoutes } from './routes-platform.js';
import { createTraffic } from './traffic.js';
import { createWebSocketEcho } from './websocket.js';

export interface SimulatorOptions {
  /** Defaults to 127.0.0.1: the simulator has an unauthenticated API and belongs on loopback. */
  host?: string;
  /** 0 picks a free port; defaults to 4610. */
  port?: number;
  log: Logger;
  clock?: Clock;
  /** Seeds the traffic generator; the same seed replays the same traffic. Defaults to 1. */
  seed?: number;
  /** Bearer token for `/admin/*`. Defaults to `sim-admin`. */
  adminToken?: string;
  /** Real milliseconds between traffic ticks (each simulates 250 ms). Defaults to 250. */
  tickMs?: number;
}

export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4610`. */
  url: string;
  port: number;
  faults: FaultController;
  /** Stops traffic, ends held requests and sockets, and closes the server. */
  close(): Promise<void>;
}

export const DEFAULT_SIM_PORT = 4610;

function buildContext(options: SimulatorOptions, log: Logger): SimContext {
  const clock = options.clock ?? systemClock;
  const random = createRandom(options.seed ?? 1);
  const faults = createFaultController(log, clock);
  const traffic = createTraffic({ faults, clock, random });
  const db = createDbModel(faults, random);
  let startedAt = clock.monotonic();
  return {
    faults,
    traffic,
    db,
    clock,
    log,
    adminToken: options.adminToken ?? 'sim-admin',
    uptimeS: () => Math.floor((clock.monotonic() - startedAt) / 1000),
    restartProcess() {
      traffic.reset();
      db.reset();
      startedAt = clock.monotonic();
      log.info('platform process restarted');
    },
  };
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const log = options.log.child({ component: 'sim' });
  const ctx = buildContext(options, log);
  const routes = [...apiRoutes(ctx), ...platformRoutes(ctx), ...adminRoutes(ctx)];
  const shutdown = new AbortController();
  const echo = createWebSocketEcho(ctx.faults, log);

  const server = createServer((req, res) => {
    serve(ctx, routes, shutdown.signal, req, res).catch((err: unknown) => {
      log.error({ err, method: req.method, path: req.url }, 'request failed');
      if (!res.headersSent) send(res, errorReply(500, 'INTERNAL', 'simulator error'));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://sim').pathname === '/ws') {
      echo.handleUpgrade(req, socket, head);
    } else {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
  });

  await listen(server, options.host ?? '127.0.0.1', options.port ?? DEFAULT_SIM_PORT);
  const { address, port } = boundAddress(server);
  const ticker = setInterval(() => {
    ctx.traffic.tick();
    ctx.db.tick();
  }, options.tickMs ?? 250);

  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  log.info({ url, seed: options.seed ?? 1 }, 'simulator listening');
  return {
    url,
    port,
    faults: ctx.faults,
    async close() {
      clearInterval(ticker);
      shutdown.abort();
      echo.closeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      log.info('simulator closed');
    },
  };
}

function boundAddress(server: Server): AddressInfo {
  const address = server.address();
  // A TCP server that is listening always reports an AddressInfo; a string means a pipe.
  if (address === null || typeof address === 'string') throw new Error('simulator not on TCP');
  return address;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function serve(
  ctx: SimContext,
  routes: readonly Route[],
  shutdown: AbortSignal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const started = ctx.clock.monotonic();
  const gone = new AbortController();
  res.on('close', () => gone.abort());
  const path = new URL(req.url ?? '/', 'http://sim').pathname;
  const method = req.method ?? 'GET';
  const body = await readJsonBody(req);
  const request = {
    method,
    path,
    params: {},
    headers: req.headers,
    body: body.ok ? body.value : undefined,
    signal: AbortSignal.any([gone.signal, shutdown]),
  };
  const refusal = refuseWithoutAdminToken(request, ctx.adminToken);
  const match = matchRoute(routes, method, path);
  let reply: SimReply | null;
  if (refusal) reply = refusal;
  else if (!body.ok) reply = body.reply;
  else if (!match) reply = errorReply(404, 'NOT_FOUND', 'no such endpoint', { method, path });
  else reply = await match.route.handle({ ...request, params: match.params });
  if (reply === null || res.destroyed) return;
  send(res, reply);
  const ms = Math.round((ctx.clock.monotonic() - started) * 1000) / 1000;
  ctx.log.debug({ method, path, status: reply.status, ms }, 'request served');
}

function send(res: ServerResponse, reply: SimReply): void {
  const isJson = 'json' in reply;
  const body = isJson ? JSON.stringify(reply.json) : reply.text;
  res.writeHead(reply.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : reply.contentType,
    'content-length': Buffer.byteLength(body),
    ...(isJson ? reply.headers : {}),
  });
  res.end(body);
}
