import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback server answering every request with whatever `reply` currently holds. */
export interface BodyServer {
  url: string;
  reply: { status: number; body: string; contentType?: string };
  close(): Promise<void>;
}

export async function startBodyServer(): Promise<BodyServer> {
  const state: BodyServer['reply'] = { status: 200, body: '{}' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(state.status, { 'content-type': state.contentType ?? 'application/json' });
    res.end(state.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    reply: state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
