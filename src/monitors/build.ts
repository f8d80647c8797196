import type { Dispatcher } from 'undici';
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import { HttpMonitor } from './http.js';
import type { Monitor } from './types.js';

/** One HttpMonitor per configured target, each setting falling back to `defaults`. */
export function buildHttpMonitors(config: Config, dispatcher: Dispatcher, clock: Clock): Monitor[] {
  const d = config.defaults;
  return config.targets.map(
    (t) =>
      new HttpMonitor(
        {
          id: t.id,
          name: t.name ?? t.id,
          kind: 'http',
          intervalMs: t.interval ?? d.interval,
          severity: t.severity,
          channelKey: t.channel ?? config.alerting.channel,
          unit: 'ms',
          window: t.window ?? d.window,
        },
        {
          url: t.url,
          method: t.method,
          headers: t.headers,
          expectStatus: t.expectStatus,
          ...(t.json ? { json: t.json } : {}),
          timeoutMs: t.timeout ?? d.timeout,
          latencyThresholdMs: t.latencyThreshold ?? d.latencyThreshold,
        },
        dispatcher,
        clock,
      ),
  );
}
