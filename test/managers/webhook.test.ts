import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { twilioWebhooks } from '../../src/adapters/whatsapp/webhook.js';
import type { CommandRouter, CommandSpec } from '../../src/bot/router.js';
import type { ManagerConfig } from '../../src/config/managers.js';
import { silentLogger } from '../../src/core/logger.js';
import type { HttpRequest } from '../../src/http/server.js';
import { InboundHandler, parseInbound } from '../../src/managers/inbound.js';
import { ManagerStore } from '../../src/managers/manager-store.js';
import { Outbox } from '../../src/outbox/outbox.js';
import { type Db, openDatabase } from '../../src/store/db.js';
import { FakeClock } from '../helpers/fake-clock.js';

const TOKEN = 'tok-123';
const PUBLIC = 'https://guardia.example.com';
const ANA: ManagerConfig = {
  id: 'ana',
  name: 'Ana',
  phone: '+5491155550123',
  locale: 'es-AR',
  pages: true,
};

describe("Twilio's published signature example", () => {
  // https://www.twilio.com/docs/usage/security#validating-requests
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };
  it('is accepted by the SDK validator guardia uses, and a changed parameter is not', () => {
    expect(twilio.validateRequest('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
    expect(
      twilio.validateRequest('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, {
        ...params,
        Digits: '9',
      }),
    ).toBe(false);
  });
});

describe('parseInbound', () => {
  it.each([
    ['estado', { kind: 'command', text: 'status' }],
    ['Status', { kind: 'command', text: 'status' }],
    ['mercado', { kind: 'command', text: 'market' }],
    ['market', { kind: 'command', text: 'market' }],
    ['readiness', { kind: 'command', text: 'readiness' }],
    ['reconocer 12', { kind: 'command', text: 'ack 12' }],
    ['ACK 12', { kind: 'command', text: 'ack 12' }],
    ['STOP', { kind: 'stop' }],
    ['start', { kind: 'start' }],
    ['ayuda', { kind: 'help' }],
    ['ya lo estoy viendo', { kind: 'free', text: 'ya lo estoy viendo' }],
  ])('%s', (text, intent) => expect(parseInbound(text)).toEqual(intent));
});

let db: Db;
let clock: FakeClock;
let store: ManagerStore;
let outbox: Outbox;
let dispatched: string[];
let specs: CommandSpec[];

function request(
  params: Record<string, string>,
  signature?: string,
  path = '/twilio/whatsapp',
): HttpRequest {
  const sig = signature ?? twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}${path}`, params);
  return {
    method: 'POST',
    path,
    query: new URLSearchParams(),
    headers: { 'x-twilio-signature': sig },
    body: Buffer.from(new URLSearchParams(params).toString()),
  };
}

function hooks() {
  const router: CommandRouter = {
    commands: () => specs,
    dispatch: async (req) => {
      dispatched.push(req.text);
      return { doc: { text: `ok ${req.text}`, blocks: [] }, visibility: 'ephemeral' };
    },
  };
  const handler = new InboundHandler({
    store,
    outbox,
    router,
    clock,
    log: silentLogger(),
    replyWindowMs: 6 * 3_600_000,
  });
  const jobs: Promise<void>[] = [];
  const h = twilioWebhooks({
    authToken: TOKEN,
    publicUrl: PUBLIC,
    managers: [ANA],
    log: silentLogger(),
    onMessage: ({ manager, messageSid, text }) => {
      const slow = handler.accept(manager, messageSid, text);
      if (slow) jobs.push(slow());
    },
    onStatus: (u) => store.recordStatus(u.messageSid, u.status, u.errorCode, u.manager?.id),
  });
  return { ...h, settle: () => Promise.all(jobs) };
}

const from = `whatsapp:${ANA.phone}`;
const replies = () =>
  (
    db.prepare("SELECT doc FROM outbox WHERE channel_key = 'manager:ana'").all() as Array<{
      doc: string;
    }>
  ).map((r) => (JSON.parse(r.doc) as { text: string }).text);

beforeEach(() => {
  db = openDatabase({ path: ':memory:' });
  clock = new FakeClock();
  store = new ManagerStore(db, clock);
  outbox = new Outbox(db, clock);
  dispatched = [];
  specs = [];
});

afterEach(() => db.close());

describe('WhatsApp webhook', () => {
  it('answers a signed "estado" with empty TwiML and the command reply through the outbox', async () => {
    const h = hooks();
    const res = await h.inbound(request({ From: from, Body: 'estado', MessageSid: 'SM1' }));
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('<Response></Response>');
    await h.settle();
    expect(dispatched).toEqual(['status']);
    expect(replies()).toEqual(['ok status']);
    expect(store.state('ana').lastInboundAt).toBe(clock.now());
  });

  it.each([
    ['a forged signature', 'bm90LWEtc2lnbmF0dXJl'],
    ['no signature', ''],
  ])('refuses %s with 403 and does nothing', async (_name, sig) => {
    const h = hooks();
    const res = await h.inbound(request({ From: from, Body: 'estado', MessageSid: 'SM1' }, sig));
    expect(res.status).toBe(403);
    await h.settle();
    expect(dispatched).toEqual([]);
  });

  it('refuses a request signed for the URL the process sees instead of the public one', async () => {
    const params = { From: from, Body: 'estado', MessageSid: 'SM1' };
    const sig = twilio.getExpectedTwilioSignature(
      TOKEN,
      'http://127.0.0.1:8787/twilio/whatsapp',
      params,
    );
    expect((await hooks().inbound(request(params, sig))).status).toBe(403);
  });

  it('handles a redelivered MessageSid once', async () => {
    const h = hooks();
    await h.inbound(request({ From: from, Body: 'estado', MessageSid: 'SM1' }));
    await h.inbound(request({ From: from, Body: 'estado', MessageSid: 'SM1' }));
    await h.settle();
    expect(dispatched).toEqual(['status']);
  });

  it('ignores commands from numbers that are not managers', async () => {
    const h = hooks();
    const res = await h.inbound(
      request({ From: 'whatsapp:+5491100000000', Body: 'estado', MessageSid: 'SM1' }),
    );
    expect(res.status).toBe(200);
    await h.settle();
    expect(dispatched).toEqual([]);
  });

  it('after STOP nothing is answered until START', async () => {
    const h = hooks();
    await h.inbound(request({ From: from, Body: 'STOP', MessageSid: 'SM1' }));
    await h.inbound(request({ From: from, Body: 'estado', MessageSid: 'SM2' }));
    await h.settle();
    expect(store.state('ana').stopped).toBe(true);
    expect(dispatched).toEqual([]);
    expect(replies()).toEqual([]);
    await h.inbound(request({ From: from, Body: 'START', MessageSid: 'SM3' }));
    expect(store.state('ana').stopped).toBe(false);
    expect(replies()).toHaveLength(1);
  });

  it('turns free text after a page into a note, or says the note could not be attached', async () => {
    store.recordPage('ana', 12);
    const h = hooks();
    await h.inbound(request({ From: from, Body: 'lo estoy viendo', MessageSid: 'SM1' }));
    await h.settle();
    expect(replies()[0]).toContain('No pude agregar tu nota al incidente #12');
    specs = [
      {
        name: 'note',
        summary: { en: '', 'es-AR': '' },
        sideEffects: true,
        run: async () => ({ doc: { text: '', blocks: [] }, visibility: 'ephemeral' }),
      },
    ];
    await h.inbound(request({ From: from, Body: 'ya casi', MessageSid: 'SM2' }));
    await h.settle();
    expect(dispatched).toEqual(['note 12 ya casi']);
  });

  it('records signed status callbacks', async () => {
    const h = hooks();
    const params = { MessageSid: 'SM9', MessageStatus: 'read', To: from };
    const res = await h.status(request(params, undefined, '/twilio/status'));
    expect(res.status).toBe(204);
    expect(store.statuses('SM9')).toEqual([{ status: 'read', errorCode: undefined }]);
  });
});
