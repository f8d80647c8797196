import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TwilioCall {
  path: string;
  params: Record<string, string>;
}

/** One scripted answer for the next Messages.json call: an HTTP status and Twilio error code. */
export interface ScriptedAnswer {
  status: number;
  code?: number;
  message?: string;
}

/** A fake Twilio REST API on loopback: records Messages.json calls and answers with SIDs. */
export class FakeTwilio {
  readonly calls: TwilioCall[] = [];
  readonly #script: ScriptedAnswer[] = [];
  readonly #server: Server;
  #seq = 0;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<FakeTwilio> {
    const server = createServer();
    const fake = new FakeTwilio(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString()));
        fake.calls.push({ path: req.url ?? '', params });
        const answer = fake.#script.shift();
        res.setHeader('content-type', 'application/json');
        if (answer && answer.status >= 400) {
          res.statusCode = answer.status;
          res.end(
            JSON.stringify({
              status: answer.status,
              code: answer.code,
              message: answer.message ?? 'scripted',
              more_info: '',
            }),
          );
          return;
        }
        fake.#seq += 1;
        res.statusCode = 201;
        res.end(
          JSON.stringify({
            sid: `SM${String(fake.#seq).padStart(32, '0')}`,
            status: 'queued',
            to: params.To,
            from: params.From,
            body: params.Body,
          }),
        );
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The next calls get these answers, in order; after them calls succeed again. */
  script(...answers: ScriptedAnswer[]): void {
    this.#script.push(...answers);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((done) => this.#server.close(() => done()));
  }
}
