/**
 * A fake Slack for tests: the Web API, file uploads, `response_url`s and a Socket Mode
 * WebSocket, all on one loopback HTTP server on a random port. Point a WebClient (or guardia's
 * `slack.apiUrl`) at `fake.apiUrl` and everything the client does is recorded in `fake.calls`.
 *
 *   const fake = await FakeSlack.start();
 *   fake.fail('chat.postMessage', { status: 429, retryAfter: 7 });   // script the next call
 *   ... run the code under test against fake.apiUrl ...
 *   expect(fake.callsTo('chat.postMessage')[0]?.body.text).toBe('hola');
 *   await fake.close();
 *
 * Socket Mode: `apps.connections.open` answers `ws://127.0.0.1:<port>/socket/<n>`. When the
 * client connects the fake sends `hello` (unless `autoHello: false`), and
 * `await fake.sendEnvelope('slash_commands', payload)` pushes an envelope and resolves with the
 * client's acknowledgement.
 *
 * Answers are the smallest that satisfy @slack/web-api, Bolt and @slack/socket-mode; they are
 * not a description of Slack. The WebSocket side is a minimal RFC 6455 server (text, ping,
 * close; no extensions), because the `ws` package is not a dependency.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), or `upload` / `response_url` for those endpoints. */
  method: string;
  /** The parsed form or JSON body; form values holding JSON (blocks) are parsed too. */
  body: Record<string, unknown>;
  /** The bearer token the call carried, if any. */
  token: string | undefined;
  /** For `response_url` calls, the id in the URL; for `upload`, the file id. */
  target?: string;
}

/** What the next matching calls answer instead of success. */
export type ScriptedFailure =
  /** An HTTP status: 500, 503…; 429 sends `Retry-After: retryAfter` (seconds, default 1). */
  | { status: number; retryAfter?: number; times?: number }
  /** A platform error: HTTP 200 with `{ ok: false, error }`. */
  | { error: string; times?: number };

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSlackOptions {
  /** Send `{ type: 'hello' }` as soon as a Socket Mode client connects (default true). */
  autoHello?: boolean;
  /** The bot identity `auth.test` reports. */
  botUserId?: string;
  botId?: string;
  teamId?: string;
  /** What `usergroups.list` answers: group id, handle and member user ids. */
  userGroups?: Array<{ id: string; handle: string; users: string[] }>;
}

type Waiter = { match: (call: RecordedCall) => boolean; resolve: (call: RecordedCall) => void };

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export class FakeSlack {
  readonly calls: RecordedCall[] = [];
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  readonly #server: Server;
  readonly #autoHello: boolean;
  readonly #userGroups: NonNullable<FakeSlackOptions['userGroups']>;
  readonly #failures = new Map<string, ScriptedFailure[]>();
  readonly #waiters: Waiter[] = [];
  readonly #messages = new Set<string>();
  readonly #channelIds = new Map<string, string>();
  readonly #sockets = new Set<FakeSocket>();
  readonly #socketWaiters: Array<(socket: FakeSocket) => void> = [];
  #ts = 0;
  #ids = 0;

  private constructor(server: Server, options: FakeSlackOptions) {
    this.#server = server;
    this.#autoHello = options.autoHello ?? true;
    this.#userGroups = options.userGroups ?? [];
    this.botUserId = options.botUserId ?? 'UBOT0001';
    this.botId = options.botId ?? 'BBOT0001';
    this.teamId = options.teamId ?? 'T0TEST01';
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const server = createServer();
    const fake = new FakeSlack(server, options);
    server.on('request', (req, res) => void fake.#onRequest(req, res));
    server.on('upgrade', (req, socket) => fake.#onUpgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Base URL for WebClient's `slackApiUrl` (ends with a slash). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A fresh `response_url`; what is posted to it is recorded as method `response_url`. */
  responseUrl(id: string = randomUUID()): string {
    return `${this.url}/response/${id}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first recorded call (past or future) of `method` that matches. */
  waitForCall(
    method: string,
    match: (call: RecordedCall) => boolean = () => true,
  ): Promise<RecordedCall> {
    const test = (call: RecordedCall) => call.method === method && match(call);
    const seen = this.calls.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.#waiters.push({ match: test, resolve }));
  }

  /** Makes the next `failure.times` (default 1) calls of `method` fail as described. */
  fail(method: string, failure: ScriptedFailure): void {
    const queue = this.#failures.get(method) ?? [];
    for (let i = 0; i < (failure.times ?? 1); i++) queue.push(failure);
    this.#failures.set(method, queue);
  }

  /** The channel id the fake uses for a name such as `#ops-alerts` (ids map to themselves). */
  channelId(nameOrId: string): string {
    if (/^[CDG][A-Z0-9]{6,}$/.test(nameOrId)) return nameOrId;
    let id = this.#channelIds.get(nameOrId);
    if (!id) {
      id = `C${String(this.#channelIds.size + 1).padStart(8, '0')}`;
      this.#channelIds.set(nameOrId, id);
    }
    return id;
  }

  /** Resolves with the connected Socket Mode client (the most recent, or the next one). */
  socket(): Promise<FakeSocket> {
    const open = [...this.#sockets].at(-1);
    if (open) return Promise.resolve(open);
    return new Promise((resolve) => this.#socketWaiters.push(resolve));
  }

  /**
   * Pushes a Socket Mode envelope (`slash_commands`, `events_api`, `interactive`) to the connected
   * client and resolves with its acknowledgement.
   */
  async sendEnvelope(type: string, payload: Record<string, unknown>): Promise<SocketAck> {
    const socket = await this.socket();
    const envelopeId = randomUUID();
    const acked = socket.nextAck(envelopeId);
    socket.send({ envelope_id: envelopeId, type, payload, accepts_response_payload: false });
    return acked;
  }

  /** Closes WebSockets and the server; safe to call twice. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // --- HTTP side -------------------------------------------------------------------------

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', this.url).pathname;
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [, kind, name = ''] = path.split('/');
    if (kind === 'upload') {
      this.#record({ method: 'upload', body: { bytes: raw.length }, token, target: name });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
      return;
    }
    if (kind === 'response') {
      this.#record({ method: 'response_url', body: parseBody(req, raw), token, target: name });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (kind !== 'api') {
      res.writeHead(404).end();
      return;
    }
    const body = parseBody(req, raw);
    const call: RecordedCall = { method: name, body, token };
    const failure = this.#failures.get(name)?.shift();
    this.#record(call);
    if (failure && 'status' in failure) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfter ?? 1);
      res.writeHead(failure.status, headers).end('{"ok":false}');
      return;
    }
    const answer = failure ? { ok: false, error: failure.error } : this.#answer(name, body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  #record(call: RecordedCall): void {
    this.calls.push(call);
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const waiter = this.#waiters[i]!;
      if (waiter.match(call)) {
        this.#waiters.splice(i, 1);
        waiter.resolve(call);
      }
    }
  }

  #answer(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = typeof body.channel === 'string' ? this.channelId(body.channel) : undefined;
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://guardia-test.slack.com/',
          team: 'guardia-test',
          user: 'guardia',
          team_id: this.teamId,
          user_id: this.botUserId,
          bot_id: this.botId,
        };
      case 'chat.postMessage': {
        const ts = this.#nextTs();
        this.#messages.add(`${channel}/${ts}`);
        return { ok: true, channel, ts, message: { text: body.text, ts } };
      }
      case 'chat.update':
        if (!this.#messages.has(`${channel}/${String(body.ts)}`)) {
          return { ok: false, error: 'message_not_found' };
        }
        return { ok: true, channel, ts: body.ts, text: body.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.#nextTs() };
      case 'views.publish':
        return { ok: true, view: { id: `V${++this.#ids}`, type: 'home' } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++this.#ids).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = parseJson(body.files);
        return { ok: true, files: Array.isArray(files) ? files : [] };
      }
      case 'usergroups.list':
        return { ok: true, usergroups: this.#userGroups };
      case 'apps.connections.open':
        return { ok: true, url: `${this.url.replace('http', 'ws')}/socket/${++this.#ids}` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  #nextTs(): string {
    this.#ts += 1;
    return `1700000000.${String(this.#ts).padStart(6, '0')}`;
  }

  // --- WebSocket side --------------------------------------------------------------------

  #onUpgrade(req: IncomingMessage, socket: Duplex): void {
    const key = req.headers['sec-websocket-key'];
    if (!req.url?.startsWith('/socket/') || typeof key !== 'string') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const accept = createHash('sha1')
      .update(key + WS_GUID)
      .digest('base64');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    const fakeSocket = new FakeSocket(socket, () => this.#sockets.delete(fakeSocket));
    this.#sockets.add(fakeSocket);
    if (this.#autoHello) {
      fakeSocket.send({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0TEST' } });
    }
    for (const resolve of this.#socketWaiters.splice(0)) resolve(fakeSocket);
  }
}

/** The server end of one Socket Mode connection. */
export class FakeSocket {
  /** Every JSON message the client sent (acknowledgements). */
  readonly received: Array<Record<string, unknown>> = [];
  readonly #socket: Duplex;
  readonly #onGone: () => void;
  readonly #ackWaiters = new Map<string, (ack: SocketAck) => void>();
  #buffer = Buffer.alloc(0);
  #fragments: Buffer[] = [];

  constructor(socket: Duplex, onGone: () => void) {
    this.#socket = socket;
    this.#onGone = onGone;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('close', () => this.#onGone());
    socket.on('error', () => this.#onGone());
  }

  send(message: Record<string, unknown>): void {
    this.#write(0x1, Buffer.from(JSON.stringify(message)));
  }

  /** Resolves when the client acknowledges `envelopeId`. */
  nextAck(envelopeId: string): Promise<SocketAck> {
    const seen = this.received.find((m) => m.envelope_id === envelopeId);
    if (seen) return Promise.resolve(seen as unknown as SocketAck);
    return new Promise((resolve) => this.#ackWaiters.set(envelopeId, resolve));
  }

  /** Asks the client to reconnect, as Slack does when it recycles a connection. */
  sendDisconnect(reason = 'refresh_requested'): void {
    this.send({ type: 'disconnect', reason });
  }

  destroy(): void {
    this.#socket.destroy();
    this.#onGone();
  }

  #write(opcode: number, payload: Buffer): void {
    if (this.#socket.destroyed) return;
    const length = payload.length;
    let header: Buffer;
    if (length < 126) {
      header = Buffer.from([0x80 | opcode, length]);
    } else if (length < 65_536) {
      header = Buffer.alloc(4);
      header.writeUInt8(0x80 | opcode, 0);
      header.writeUInt8(126, 1);
      header.writeUInt16BE(length, 2);
    } else {
      header = Buffer.alloc(10);
      header.writeUInt8(0x80 | opcode, 0);
      header.writeUInt8(127, 1);
      header.writeBigUInt64BE(BigInt(length), 2);
    }
    this.#socket.write(Buffer.concat([header, payload]));
  }

  #onData(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (let frame = readFrame(this.#buffer); frame; frame = readFrame(this.#buffer)) {
      this.#buffer = this.#buffer.subarray(frame.size);
      this.#onFrame(frame.fin, frame.opcode, frame.payload);
    }
  }

  #onFrame(fin: boolean, opcode: number, payload: Buffer): void {
    if (opcode === 0x9) {
      this.#write(0xa, payload);
      return;
    }
    if (opcode === 0x8) {
      this.#write(0x8, payload.subarray(0, 2));
      this.#socket.end();
      return;
    }
    if (opcode !== 0x0 && opcode !== 0x1) return;
    this.#fragments.push(payload);
    if (!fin) return;
    const text = Buffer.concat(this.#fragments).toString('utf8');
    this.#fragments = [];
    const message = JSON.parse(text) as Record<string, unknown>;
    this.received.push(message);
    const id = message.envelope_id;
    if (typeof id === 'string') {
      this.#ackWaiters.get(id)?.(message as unknown as SocketAck);
      this.#ackWaiters.delete(id);
    }
  }
}

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  size: number;
}

/** Reads one client frame (always masked, per RFC 6455) from the front of `buf`, if complete. */
function readFrame(buf: Buffer): Frame | undefined {
  if (buf.length < 2) return undefined;
  const fin = (buf[0]! & 0x80) !== 0;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let length = buf[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return undefined;
    length = Number(buf.readBigUInt64BE(2));
    offset = 10;
  }
  const maskLength = masked ? 4 : 0;
  if (buf.length < offset + maskLength + length) return undefined;
  const mask = buf.subarray(offset, offset + maskLength);
  const payload = Buffer.from(buf.subarray(offset + maskLength, offset + maskLength + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
  return { fin, opcode, payload, size: offset + maskLength + length };
}

// --- request helpers shared by tests ---------------------------------------------------------

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, raw: Buffer): Record<string, unknown> {
  const type = req.headers['content-type'] ?? '';
  const text = raw.toString('utf8');
  if (type.includes('application/json')) return (parseJson(text) as Record<string, unknown>) ?? {};
  if (type.includes('application/x-www-form-urlencoded')) {
    const body: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(text)) body[key] = parseJson(value) ?? value;
    return body;
  }
  return { bytes: raw.length };
}

/** Parses JSON objects and arrays; anything else (plain strings, numbers) is left alone. */
function parseJson(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Headers Slack would send with `rawBody`, signed with `signingSecret` at `timestamp` (seconds). */
export function slackSignatureHeaders(
  signingSecret: string,
  rawBody: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:${rawBody}`)
    .digest('hex');
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

/** The form body of a slash command, as Slack posts it (and as `slash_commands` envelopes carry). */
export function slashCommandPayload(input: {
  text: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  responseUrl: string;
  teamId?: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: input.teamId ?? 'T0TEST01',
    team_domain: 'guardia-test',
    channel_id: input.channelId ?? 'C0000OPS',
    channel_name: 'ops',
    user_id: input.userId ?? 'U0000ANA',
    user_name: input.userName ?? 'ana',
    command: '/ops',
    text: input.text,
    api_app_id: 'A0TEST',
    response_url: input.responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
  };
}

/** An Events API callback body (`type: event_callback`) around `event`. */
export function eventCallback(
  event: Record<string, unknown>,
  teamId = 'T0TEST01',
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0TEST',
    type: 'event_callback',
    event_id: `Ev${randomUUID().slice(0, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT0001', is_bot: true }],
    event,
  };
}

/** A `block_actions` payload for a click on a button with `actionId` and `value`. */
export function buttonClickPayload(input: {
  actionId: string;
  value: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  responseUrl?: string;
  teamId?: string;
}): Record<string, unknown> {
  const teamId = input.teamId ?? 'T0TEST01';
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    team: { id: teamId, domain: 'guardia-test' },
    user: { id: input.userId ?? 'U0000ANA', username: input.userName ?? 'ana', team_id: teamId },
    api_app_id: 'A0TEST',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${randomUUID()}`,
    container: { type: 'message', message_ts: '1700000000.000001' },
    channel: { id: input.channelId ?? 'C0000OPS', name: 'ops' },
    message: { type: 'message', ts: '1700000000.000001', text: 'alert' },
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Ack' },
        value: input.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  if (input.responseUrl) payload.response_url = input.responseUrl;
  return payload;
}
