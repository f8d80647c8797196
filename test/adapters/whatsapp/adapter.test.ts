import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../../src/adapters/types.js';
import { WhatsAppAdapter } from '../../../src/adapters/whatsapp/adapter.js';
import { createTwilioClient } from '../../../src/adapters/whatsapp/client.js';
import type { MessageDoc } from '../../../src/bot/messages/doc.js';
import type { ManagerConfig, TwilioConfig } from '../../../src/config/managers.js';
import { silentLogger } from '../../../src/core/logger.js';
import { ManagerStore } from '../../../src/managers/manager-store.js';
import type { Db } from '../../../src/store/db.js';
import { openDatabase } from '../../../src/store/db.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { FakeTwilio } from '../../helpers/fake-twilio.js';

const ANA: ManagerConfig = {
  id: 'ana',
  name: 'Ana',
  phone: '+5491155550123',
  locale: 'es-AR',
  pages: true,
};
const PAGE_SID = `HX${'a'.repeat(32)}`;
const DIGEST: MessageDoc = { text: 'Resumen', blocks: [{ type: 'section', text: 'Todo *bien*' }] };
const PAGE: MessageDoc = {
  text: 'Incidente #7 sin reconocer',
  tone: 'critical',
  blocks: [{ type: 'header', text: 'Incidente #7 sin reconocer' }],
  actions: [{ id: 'incident.ack', label: 'Reconocer', command: '/ops ack 7' }],
};
const HOUR = 3_600_000;

let fake: FakeTwilio;
let db: Db;
let clock: FakeClock;
let store: ManagerStore;
let unreachable: string[];
let seq: number;

function adapter(templates: TwilioConfig['templates'] = {}): WhatsAppAdapter {
  const client = createTwilioClient({
    accountSid: `AC${'0'.repeat(32)}`,
    authToken: 'tok',
    apiUrl: fake.apiUrl,
    timeoutMs: 2000,
  });
  return new WhatsAppAdapter({
    managers: [ANA],
    store,
    clock,
    log: silentLogger(),
    timeZone: 'America/Argentina/Buenos_Aires',
    twilio: { client, from: 'whatsapp:+14155238886', templates },
    onUnreachable: (m, reason) => unreachable.push(`${m.id}: ${reason}`),
  });
}

function message(doc: MessageDoc, outboxId = ++seq): OutgoingMessage {
  return {
    outboxId,
    channelKey: 'manager:ana',
    destination: ANA.phone,
    locale: 'es-AR',
    doc,
    op: 'post',
  };
}

beforeEach(async () => {
  fake = await FakeTwilio.start();
  db = openDatabase({ path: ':memory:' });
  clock = new FakeClock();
  store = new ManagerStore(db, clock);
  unreachable = [];
  seq = 0;
});

afterEach(async () => {
  db.close();
  await fake.close();
});

describe('WhatsAppAdapter: the 24-hour window', () => {
  it('sends free-form inside the window through the SDK to the fake API', async () => {
    store.recordInbound('ana', clock.now());
    clock.advance(23 * HOUR);
    const outcome = await adapter().deliver(message(DIGEST));
    expect(outcome.status).toBe('sent');
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.path).toMatch(/^\/2010-04-01\/Accounts\/AC0+\/Messages\.json$/);
    expect(fake.calls[0]?.params).toMatchObject({
      To: 'whatsapp:+5491155550123',
      From: 'whatsapp:+14155238886',
      Body: 'Todo *bien*',
    });
  });

  it('uses the approved template outside the window', async () => {
    store.recordInbound('ana', clock.now());
    clock.advance(24 * HOUR);
    const templates = {
      page: { sid: PAGE_SID, variables: { '1': 'title' as const, '2': 'manager' as const } },
    };
    expect((await adapter(templates).deliver(message(PAGE))).status).toBe('sent');
    expect(fake.calls[0]?.params.ContentSid).toBe(PAGE_SID);
    expect(JSON.parse(fake.calls[0]?.params.ContentVariables ?? '{}')).toEqual({
      '1': 'Incidente #7 sin reconocer',
      '2': 'Ana',
    });
    expect(fake.calls[0]?.params.Body).toBeUndefined();
  });

  it('holds a message with no template and folds it into the next one that can go', async () => {
    const a = adapter();
    expect((await a.deliver(message(DIGEST))).status).toBe('sent');
    expect(fake.calls).toHaveLength(0);
    expect(store.held('ana')).toHaveLength(1);

    clock.advance(HOUR);
    store.recordInbound('ana', clock.now());
    const reply: MessageDoc = { text: 'Estado', blocks: [{ type: 'section', text: 'Estado: ok' }] };
    await a.deliver(message(reply));
    const body = fake.calls[0]?.params.Body ?? '';
    expect(body).toContain('Estado: ok');
    expect(body).toContain('Retenidos: 1 mensaje que');
    expect(body).toContain('Todo *bien*');
    expect(store.held('ana')).toHaveLength(0);
  });
});

describe('WhatsAppAdapter: failures', () => {
  beforeEach(() => store.recordInbound('ana', clock.now()));

  it.each([
    [500, undefined],
    [429, 20429],
    [503, 63018],
  ])('retries on HTTP %i (code %s)', async (status, code) => {
    fake.script({ status, ...(code ? { code } : {}) });
    expect((await adapter().deliver(message(DIGEST))).status).toBe('retry');
    expect(unreachable).toEqual([]);
  });

  it('retries when the API cannot be reached', async () => {
    const url = fake.apiUrl;
    await fake.close();
    const client = createTwilioClient({
      accountSid: `AC${'0'.repeat(32)}`,
      authToken: 't',
      apiUrl: url,
      timeoutMs: 500,
    });
    const a = new WhatsAppAdapter({
      managers: [ANA],
      store,
      clock,
      log: silentLogger(),
      timeZone: 'UTC',
      twilio: { client, from: 'whatsapp:+14155238886', templates: {} },
    });
    expect((await a.deliver(message(DIGEST))).status).toBe('retry');
    fake = await FakeTwilio.start();
  });

  it.each([21610, 63003, 63024, 21211])(
    'error %i fails, pauses the manager once and holds later messages',
    async (code) => {
      fake.script({ status: 400, code });
      const a = adapter();
      const outcome = await a.deliver(message(DIGEST));
      expect(outcome).toMatchObject({ status: 'failed' });
      expect(unreachable).toHaveLength(1);
      expect(store.state('ana').pausedReason).toContain(String(code));
      expect((await a.deliver(message(DIGEST))).status).toBe('sent');
      expect(fake.calls).toHaveLength(1);
      expect(store.held('ana')).toHaveLength(1);
      expect(unreachable).toHaveLength(1);
    },
  );

  it('does not resend parts Twilio already accepted when a later part fails', async () => {
    const long: MessageDoc = {
      text: 'largo',
      blocks: [
        { type: 'section', text: 'a'.repeat(1500) },
        { type: 'section', text: 'b'.repeat(1500) },
      ],
    };
    fake.script({ status: 201 }, { status: 503 });
    const a = adapter();
    expect((await a.deliver(message(long, 40))).status).toBe('retry');
    expect((await a.deliver(message(long, 40))).status).toBe('sent');
    expect(fake.calls.map((c) => c.params.Body?.[0])).toEqual(['a', 'b', 'b']);
  });
});

describe('WhatsAppAdapter: STOP', () => {
  it('sends nothing while stopped and folds what was held into the first message after START', async () => {
    store.recordInbound('ana', clock.now());
    store.setStopped('ana', true);
    const a = adapter();
    await a.deliver(message(PAGE));
    await a.deliver(message(DIGEST));
    expect(fake.calls).toHaveLength(0);
    store.setStopped('ana', false);
    await a.deliver(
      message({ text: 'hola', blocks: [{ type: 'section', text: 'Hola de nuevo' }] }),
    );
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.params.Body).toContain('habías enviado STOP');
  });
});
