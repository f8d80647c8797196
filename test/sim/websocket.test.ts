import { WebSocket } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/sim/index.js';
import { decodeFrames, encodeFrame, OPCODE } from '../../src/sim/ws-frames.js';
import { admin, startTestSim } from './helpers.js';

function open(sim: Simulator): Promise<WebSocket> {
  const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/ws`);
  return new Promise((resolve, reject) => {
    ws.addEventListener('open', () => resolve(ws), { once: true });
    ws.addEventListener('error', () => reject(new Error('websocket failed')), { once: true });
  });
}

const nextMessage = (ws: WebSocket): Promise<string> =>
  new Promise((resolve) => {
    ws.addEventListener('message', (event) => resolve(String(event.data)), { once: true });
  });

/** Resolves with the close code and how many messages arrived before the close. */
function closed(ws: WebSocket): Promise<{ code: number; messages: number }> {
  let messages = 0;
  ws.addEventListener('message', () => {
    messages += 1;
  });
  return new Promise((resolve) => {
    ws.addEventListener('close', (event) => resolve({ code: event.code, messages }), {
      once: true,
    });
  });
}

describe('WebSocket echo', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startTestSim();
  });
  afterEach(() => sim.close());

  it('echoes each text message', async () => {
    const ws = await open(sim);
    for (const text of ['hola', 'ñandú ✂️', 'x'.repeat(70_000)]) {
      const echoed = nextMessage(ws);
      ws.send(text);
      expect(await echoed).toBe(text);
    }
    ws.close();
  });

  it('accepts then drops connections while websocket-drop is active', async () => {
    sim.faults.inject('websocket-drop');
    const ws = await open(sim);
    const result = closed(ws);
    ws.send('anyone there?');
    expect(await result).toEqual({ code: 1011, messages: 0 });
  });

  it('drops open connections when the fault is injected, and a restart of workers fixes it', async () => {
    const ws = await open(sim);
    const result = closed(ws);
    sim.faults.inject('websocket-drop');
    expect((await result).code).toBe(1011);
    const { body } = await admin(sim, 'POST', '/admin/workers/restart');
    expect(body.lifted).toEqual(['websocket-drop']);
    const again = await open(sim);
    const echoed = nextMessage(again);
    again.send('back');
    expect(await echoed).toBe('back');
    again.close();
  });

  it('closes open connections when the simulator closes', async () => {
    const ws = await open(sim);
    const result = closed(ws);
    await sim.close();
    expect((await result).messages).toBe(0);
    sim = await startTestSim();
  });
});

describe('frames', () => {
  const masked = (opcode: number, text: string, fin = true): Buffer => {
    const payload = Buffer.from(text);
    const mask = Buffer.from([1, 2, 3, 4]);
    const body = payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0));
    return Buffer.concat([
      Buffer.from([(fin ? 0x80 : 0) | opcode, 0x80 | payload.length]),
      mask,
      body,
    ]);
  };

  it('unmasks whole frames and keeps a partial one for later', () => {
    const data = Buffer.concat([
      masked(OPCODE.text, 'hi'),
      masked(OPCODE.text, 'there').subarray(0, 4),
    ]);
    const { frames, rest } = decodeFrames(data, 1024);
    expect(frames).toEqual([{ fin: true, opcode: OPCODE.text, payload: Buffer.from('hi') }]);
    expect(rest).toHaveLength(4);
  });

  it('refuses unmasked and oversized frames', () => {
    expect(() => decodeFrames(encodeFrame(OPCODE.text, Buffer.from('x')), 1024)).toThrow(
      /unmasked/,
    );
    expect(() => decodeFrames(masked(OPCODE.text, 'too long'), 4)).toThrow(/too large/);
  });

  it.each([5, 200, 70_000])('encodes a %i-byte payload with the right length field', (size) => {
    const frame = encodeFrame(OPCODE.binary, Buffer.alloc(size, 7));
    const header = size < 126 ? 2 : size < 65_536 ? 4 : 10;
    expect(frame).toHaveLength(header + size);
    expect(frame[0]).toBe(0x80 | OPCODE.binary);
  });
});
