import type { ErrorCode } from '../core/errors.js';

/** What every monitor is, whatever it watches: the scheduler and alerting need nothing else. */
export interface TargetInfo {
  id: string;
  name: string;
  /** Plug-in kind: `http`, `rate`, `dependency`, `websocket`, ... */
  kind: string;
  intervalMs: number;
  severity: 'critical' | 'warning';
  /** Logical channel its alerts go to. */
  channelKey: string;
  /** What `CheckResult.value` measures, for display. */
  unit: 'ms' | 'ratio' | 'count';
  /** Size of the rolling window of recent results kept in memory. */
  window: number;
  /** `false`: results are stored and shown but never open alerts (an SLO figure). */
  alerting?: boolean;
}

/**
 * Which situation a result describes where one code covers several (`DB_UNHEALTHY` is
 * `disconnected`, `slowQueries` or `queryTime`). Chat messages phrase the reason in the reader's
 * language from it and the figures beside it in `detail`; `reason` stays English for logs.
 */
export type Because =
  // http: the JSON body and its condition
  | 'tooLarge'
  | 'notJson'
  | 'jsonEquals'
  | 'jsonIn'
  | 'jsonMin'
  | 'jsonMax'
  // database
  | 'dbUnreadable'
  | 'disconnected'
  | 'slowQueries'
  | 'queryTime'
  // dependency
  | 'notStatuspage'
  | 'statusPage'
  | 'pingStatus'
  | 'pingFailed'
  // websocket
  | 'noEcho'
  | 'closed'
  | 'connectFailed'
  | 'slowEcho'
  // rate: its counters, and too few attempts to judge
  | 'countersStatus'
  | 'countersNotJson'
  | 'notNumber'
  | 'notPrometheus'
  | 'noMetric'
  | 'noSeries'
  | 'fewAttempts'
  | 'withinNoise'
  // uptime: too few checks to judge
  | 'fewChecks'
  // runner: the monitor threw
  | 'monitorError';

export type CheckDetail = Record<string, unknown> & { because?: Because };

export interface CheckResult {
  ok: boolean;
  /** The measured figure: latency in ms, a success ratio 0..1, ... */
  value?: number;
  /** Why the check failed, for people: `timeout after 2 s`, `status 503`, ... */
  reason?: string;
  code?: ErrorCode;
  /** Anything a summary may want to show (attempts in window, status code, ...). */
  detail?: CheckDetail;
  /**
   * Too little data to judge (a rate with too few attempts in its window): neither a failure
   * nor evidence of recovery, so alert counters ignore it.
   */
  inconclusive?: boolean;
}

/**
 * A monitor plug-in. `check` never throws for a failure of the watched thing (that is a
 * failed result with a reason); a throw means a bug in the monitor and is logged as such.
 */
export interface Monitor {
  readonly target: TargetInfo;
  check(): Promise<CheckResult>;
  /**
   * The last check judged on what it gathered since `since` only, for a monitor that judges a
   * window (a rate): a runbook asks whether the stream is healthy since its fix, not over a
   * window that still holds the failures the fix ended. Monitors that judge each check alone
   * leave it out.
   */
  judgeSince?(since: number): CheckResult;
  close?(): Promise<void>;
}
