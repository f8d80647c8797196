import { type MaintenanceWindow, WEEKDAYS } from '../config/incidents.js';
import { anyGlob } from './glob.js';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minutes: number;
  weekday: (typeof WEEKDAYS)[number];
}

/** The wall-clock date, minute of day and weekday of `epochMs` in `timeZone`. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    hourCycle: 'h23',
  }).formatToParts(new Date(epochMs));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '0';
  const weekday = WEEKDAYS.find((d) => d === get('weekday').toLowerCase().slice(0, 3)) ?? 'sun';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    minutes: Number(get('hour')) * 60 + Number(get('minute')),
    weekday,
  };
}

/** `2025-03-01 02:00` read as wall-clock time in `timeZone`, as epoch milliseconds. */
export function zonedToEpoch(local: string, timeZone: string): number {
  const [date = '', time = '00:00'] = local.split(/[ T]/);
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  // The zone's offset at the guessed instant; one correction is exact outside DST jumps.
  const p = localParts(guess, timeZone);
  const seen = Date.UTC(p.year, p.month - 1, p.day, Math.floor(p.minutes / 60), p.minutes % 60);
  return guess - (seen - guess);
}

function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function previousDay(day: LocalParts['weekday']): LocalParts['weekday'] {
  return WEEKDAYS[(WEEKDAYS.indexOf(day) + 6) % 7] ?? 'sat';
}

/** Whether `window` covers `epochMs`; recurring windows may cross midnight. */
export function windowCovers(window: MaintenanceWindow, epochMs: number, timeZone: string) {
  if (window.start !== undefined && window.end !== undefined) {
    const start = zonedToEpoch(window.start, timeZone);
    const end = zonedToEpoch(window.end, timeZone);
    return epochMs >= start && epochMs < end;
  }
  if (window.from === undefined || window.to === undefined) return false;
  const now = localParts(epochMs, timeZone);
  const from = minutesOf(window.from);
  const to = minutesOf(window.to);
  const onDay = (day: LocalParts['weekday']) => !window.days || window.days.includes(day);
  if (from <= to) return onDay(now.weekday) && now.minutes >= from && now.minutes < to;
  // Crossing midnight: the evening part belongs to today, the morning part to yesterday.
  if (now.minutes >= from) return onDay(now.weekday);
  return now.minutes < to && onDay(previousDay(now.weekday));
}

/** The first maintenance window covering `targetId` at `epochMs`, by name. */
export function activeMaintenance(
  windows: readonly MaintenanceWindow[],
  targetId: string,
  epochMs: number,
  timeZone: string,
): string | undefined {
  return windows.find((w) => anyGlob(w.targets, targetId) && windowCovers(w, epochMs, timeZone))
    ?.name;
}
