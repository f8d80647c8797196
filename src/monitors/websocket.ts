import { WebSocket } from 'undici';
import type { WebsocketConfig } from '../config/monitors.js';
import type { Clock } from '../core/clock.js';
import type { CheckResult, Monitor, TargetInfo } from './types.js';

/**
 * Real-time health: open a WebSocket, send a nonce, time its echo, close. A fresh connection
 * per check, because a dropped socket is exactly what this monitor must notice.
 */
export class WebsocketMonitor implements Monitor {
  readonly target: TargetInfo;
  readonly #c: WebsocketConfig;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  #seq = 0;

  constructor(target: TargetInfo, config: WebsocketConfig, timeoutMs: number, clock: Clock) {
    this.target = target;
    this.#c = config;
    this.#timeoutMs = timeoutMs;
    this.#clock = clock;
  }

  check(): Promise<CheckResult> {
    this.#seq += 1;
    const nonce = `guardia-${this.#seq}-${this.#clock.now()}`;
    const started = this.#clock.monotonic();
    return new Promise<CheckResult>((resolve) => {
      let settled = false;
      const ws = new WebSocket(this.#c.url);
      const finish = (result: CheckResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) {
          ws.close();
        }
        resolve(result);
      };
      const timer = setTimeout(() => {
        finish({
          ok: false,
          code: 'WEBSOCKET_FAILED',
          reason: `no echo within ${this.#timeoutMs} ms`,
          detail: { because: 'noEcho', timeoutMs: this.#timeoutMs },
        });
      }, this.#timeoutMs);
      ws.addEventListener('open', () => ws.send(nonce));
      ws.addEventListener('message', (event) => {
        if (event.data !== nonce) return;
        finish(this.#judge(this.#clock.monotonic() - started));
      });
      ws.addEventListener('close', (event) => {
        const why = event.reason ? ` (${event.reason})` : '';
        finish({
          ok: false,
          code: 'WEBSOCKET_FAILED',
          reason: `closed with ${event.code}${why} before the echo`,
          detail: { because: 'closed', closeCode: event.code, closeReason: event.reason },
        });
      });
      ws.addEventListener('error', () => {
        finish({
          ok: false,
          code: 'WEBSOCKET_FAILED',
          reason: 'connection failed',
          detail: { because: 'connectFailed' },
        });
      });
    });
  }

  #judge(ms: number): CheckResult {
    if (ms > this.#c.latencyThreshold) {
      return {
        ok: false,
        value: ms,
        code: 'WEBSOCKET_FAILED',
        reason: `echo took ${ms.toFixed(0)} ms, threshold ${this.#c.latencyThreshold} ms`,
        detail: { because: 'slowEcho', thresholdMs: this.#c.latencyThreshold },
      };
    }
    return { ok: true, value: ms };
  }
}
