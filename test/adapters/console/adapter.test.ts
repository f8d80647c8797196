import { PassThrough } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../../src/adapters/console/adapter.js';
import { type CommandRequest, Router } from '../../../src/bot/router.js';
import { silentLogger } from '../../../src/core/logger.js';
import { FakeClock } from '../../helpers/fake-clock.js';

let input: PassThrough;
let output: PassThrough;
let printed: string;
let adapter: ConsoleAdapter;
let requests: CommandRequest[];

function router(): Router {
  const r = new Router(silentLogger());
  r.register({
    name: 'status',
    summary: { en: 'state', 'es-AR': 'estado' },
    sideEffects: false,
    run: async (ctx) => {
      requests.push(ctx.request);
      return {
        doc: { text: `all good (${ctx.request.text})`, blocks: [] },
        visibility: 'ephemeral',
      };
    },
  });
  return r;
}

/** Resolves once `text` has been printed (bounded by the test timeout). */
async function printedSoon(text: string): Promise<void> {
  while (!printed.includes(text)) await tick();
}

beforeEach(async () => {
  input = new PassThrough();
  output = new PassThrough();
  printed = '';
  output.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
  });
  requests = [];
  adapter = new ConsoleAdapter({
    input,
    output,
    clock: new FakeClock(),
    log: silentLogger(),
    locale: 'en',
    timeZone: 'UTC',
  });
  await adapter.start(router());
});

afterEach(async () => {
  await adapter.stop();
});

describe('ConsoleAdapter', () => {
  it.each(['/ops status', 'status', '@guardia status', '  /OPS   status  '])(
    'dispatches %j to the status command',
    async (line) => {
      input.write(`${line}\n`);
      await printedSoon('all good');
      expect(requests).toHaveLength(1);
      expect(requests[0]).toMatchObject({
        text: 'status',
        caller: { id: 'console', adapter: 'console' },
        locale: 'en',
      });
      expect(printed).toContain(`reply to ${line.trim()}`);
    },
  );

  it('answers an unknown command with its error code', async () => {
    input.write('frobnicate\n');
    await printedSoon('COMMAND_UNKNOWN');
    expect(printed).toContain('Unknown command "frobnicate"');
  });

  it('prints channel messages, numbers them and marks edits and thread replies', async () => {
    const base = {
      outboxId: 1,
      channelKey: 'alerts',
      destination: '#alerts',
      locale: 'en' as const,
      doc: { text: 'API down', blocks: [] },
    };
    const first = await adapter.deliver({ ...base, op: 'post' });
    expect(first).toEqual({ status: 'sent', ref: { channel: '#alerts', id: '1' } });
    const ref = { channel: '#alerts', id: '1' };
    await adapter.deliver({ ...base, op: 'post', thread: ref });
    const edit = await adapter.deliver({ ...base, op: 'update', ref });
    expect(edit).toEqual({ status: 'sent', ref });
    expect(printed).toContain('── #alerts · 12:00:00 · message 1 ');
    expect(printed).toContain('· reply in thread of message 1 ');
    expect(printed).toContain('· edit of message 1 ');
  });

  it('says at start where channels and logs go and how to ask for help', () => {
    expect(printed).toContain('channel messages print here, logs go to standard error');
    expect(printed).toContain('/ops help');
  });

  it.each([
    [true, 1],
    [false, 0],
  ])(
    'after the first round of checks (complete: %s) prints the status %i time(s)',
    async (complete, n) => {
      await adapter.stop();
      printed = '';
      let finish: (complete: boolean) => void = () => {};
      const firstRound = new Promise<boolean>((resolve) => {
        finish = resolve;
      });
      adapter = new ConsoleAdapter({
        input: new PassThrough(),
        output,
        clock: new FakeClock(),
        log: silentLogger(),
        locale: 'en',
        timeZone: 'UTC',
        firstRound,
      });
      await adapter.start(router());
      await tick();
      expect(requests).toHaveLength(0);
      finish(complete);
      await adapter.stop();
      expect(requests).toHaveLength(n);
      expect(printed.includes('── status at start ·')).toBe(complete);
    },
  );

  it('keeps delivering after its input closes', async () => {
    input.end();
    await tick();
    const outcome = await adapter.deliver({
      outboxId: 2,
      channelKey: 'alerts',
      destination: '#alerts',
      locale: 'en',
      doc: { text: 'still here', blocks: [] },
      op: 'post',
    });
    expect(outcome.status).toBe('sent');
    expect(printed).toContain('still here');
  });
});
