import type { Dispatcher } from 'undici';
import { minAttemptsFor } from '../config/monitors.js';
import type { Config } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../store/db.js';
import { RollupReader } from '../store/rollups.js';
import { DbHealthMonitor } from './db-health.js';
import { DependencyMonitor } from './dependency.js';
import { RateMonitor } from './rate.js';
import { SharedFetch } from './shared-fetch.js';
import type { Monitor, TargetInfo } from './types.js';
import { UptimeMonitor } from './uptime.js';
import { WebsocketMonitor } from './websocket.js';

export interface BusinessDeps {
  config: Readonly<Config>;
  http: Dispatcher;
  clock: Clock;
  db: Db;
}

/** Every monitor of the `monitors:` section, each falling back to `monitors.defaults`. */
export function buildBusinessMonitors({ config, http, clock, db }: BusinessDeps): Monitor[] {
  const m = config.monitors;
  const d = m.defaults;
  const fetch = new SharedFetch(http, clock);
  const timeout = (t?: number) => t ?? config.defaults.timeout;
  const info = (
    e: {
      id: string;
      name?: string | undefined;
      channel?: string | undefined;
      severity: 'critical' | 'warning';
    },
    kind: string,
    intervalMs: number,
    unit: TargetInfo['unit'],
    alerting = true,
  ): TargetInfo => ({
    alerting,
    id: e.id,
    name: e.name ?? e.id,
    kind,
    intervalMs,
    severity: e.severity,
    channelKey: e.channel ?? config.alerting.channel,
    unit,
    window: config.defaults.window,
  });
  const monitors: Monitor[] = [
    ...m.rates.map(
      (r) =>
        new RateMonitor(
          info(r, 'rate', r.interval ?? d.rateInterval, 'ratio'),
          {
            rate: r,
            windowMs: r.window ?? d.rateWindow,
            minAttempts: r.minAttempts ?? d.minAttempts ?? minAttemptsFor(r.below),
            confidence: r.confidence ?? d.rateConfidence,
            timeoutMs: timeout(r.timeout),
          },
          fetch,
          clock,
        ),
    ),
    ...m.database.map(
      (c) =>
        new DbHealthMonitor(
          info(c, 'database', c.interval ?? d.interval, 'ms'),
          c,
          timeout(c.timeout),
          fetch,
        ),
    ),
    ...m.dependencies.map(
      (c) =>
        new DependencyMonitor(
          info(c, 'dependency', c.interval ?? d.interval, 'ms'),
          c,
          timeout(c.timeout),
          http,
          clock,
        ),
    ),
    ...m.websockets.map(
      (c) =>
        new WebsocketMonitor(
          info(c, 'websocket', c.interval ?? d.interval, 'ms'),
          c,
          timeout(c.timeout),
          clock,
        ),
    ),
  ];
  if (m.uptime.enabled && config.targets.length > 0) {
    const u = m.uptime;
    monitors.push(
      new UptimeMonitor(
        info(
          { id: 'uptime', name: 'Uptime', severity: 'warning', channel: u.channel },
          'uptime',
          u.interval,
          'ratio',
          u.alert,
        ),
        {
          targets: config.targets.map((t) => ({ id: t.id, name: t.name ?? t.id })),
          target: u.target,
          minSamples: u.minSamples,
        },
        new RollupReader(db),
        clock,
      ),
    );
  }
  return monitors;
}
