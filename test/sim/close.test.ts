import { WebSocket } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestSim } from './helpers.js';

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP'));

describe('close', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('leaves no servers, sockets or intervals behind', async () => {
    const baseline = tcpHandles().length;
    const intervals: unknown[] = [];
    const cleared = new Set<unknown>();
    const realSetInterval = globalThis.setInterval;
    const realClearInterval = globalThis.clearInterval;
    // The spy must keep setInterval's overloads, which a plain arrow cannot spell.
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((
      ...args: Parameters<typeof setInterval>
    ) => {
      const handle = realSetInterval(...args);
      intervals.push(handle);
      return handle;
    }) as typeof setInterval);
    vi.spyOn(globalThis, 'clearInterval').mockImplementation((handle) => {
      cleared.add(handle);
      realClearInterval(handle);
    });

    const sim = await startTestSim();
    sim.faults.inject('api-latency', { latencyMs: 5_000 });
    const slow = fetch(`${sim.url}/api/health`).catch(() => 'gone');
    const ws = new WebSocket(`${sim.url.replace('http', 'ws')}/ws`);
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
    await (await fetch(`${sim.url}/metrics`)).text();

    await sim.close();

    expect(await slow).toBe('gone');
    expect(intervals.length).toBeGreaterThan(0);
    expect(intervals.every((handle) => cleared.has(handle))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tcpHandles().length).toBeLessThanOrEqual(baseline);
  });
});
