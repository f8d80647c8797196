import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface JsonServer {
  url: string;
  requests(): number;
  close(): Promise<void>;
}

const BODY = JSON.stringify({ status: 'ok' });

/** A loopback HTTP server answering a tiny JSON document at once: the benchmarks' target. */
export async function startJsonServer(): Promise<JsonServer> {
  let count = 0;
  const server: Server = createServer((_req, res) => {
    count += 1;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length });
    res.end(BODY);
  });
  // Longer than any probe interval, so the benchmark measures kept-alive connections.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
