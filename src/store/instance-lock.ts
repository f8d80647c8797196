import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.js';
import { GuardiaError } from '../core/errors.js';
import type { Db } from './db.js';

/** How often the holder proves it is alive, and how long silence means it is gone. */
const BEAT_MS = 10_000;
const STALE_MS = 3 * BEAT_MS;

export interface InstanceLockOptions {
  clock: Clock;
  /** Shown in the refusal, so people know which file is shared. */
  path: string;
  pid?: number;
  host?: string;
  /** Whether a process of this host is running; `process.kill(pid, 0)` by default. */
  isAlive?: (pid: number) => boolean;
}

export interface InstanceLock {
  release(): void;
}

interface Holder {
  pid: number;
  host: string;
  started_at: number;
  beat_at: number;
}

/**
 * Claims the database for this process, or refuses with STORE_IN_USE while another guardia runs
 * on it: two would each open, announce and escalate incidents the other cannot see. The claim
 * is a row taken in an immediate transaction, so two starts cannot both win. A holder on this
 * host whose process is gone (killed with SIGKILL) is replaced at once; one on another host
 * (a shared volume) once it has not beaten for 30 s.
 */
export function acquireInstanceLock(db: Db, options: InstanceLockOptions): InstanceLock {
  const pid = options.pid ?? process.pid;
  const host = options.host ?? hostname();
  const isAlive = options.isAlive ?? processAlive;
  const { clock } = options;
  const claim = db.transaction(() => {
    const holder = db.prepare('SELECT * FROM instance_lock WHERE id = 1').get() as
      | Holder
      | undefined;
    if (holder && !(holder.pid === pid && holder.host === host)) {
      const gone =
        holder.host === host ? !isAlive(holder.pid) : clock.now() - holder.beat_at > STALE_MS;
      if (!gone) throw inUse(holder, options.path, host);
    }
    db.prepare(
      `INSERT INTO instance_lock (id, pid, host, started_at, beat_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, host = excluded.host,
         started_at = excluded.started_at, beat_at = excluded.beat_at`,
    ).run(pid, host, clock.now(), clock.now());
  });
  claim.immediate();
  const touch = db.prepare('UPDATE instance_lock SET beat_at = ? WHERE pid = ? AND host = ?');
  const beat = setInterval(() => touch.run(clock.now(), pid, host), BEAT_MS);
  beat.unref();
  return {
    release() {
      clearInterval(beat);
      if (db.open)
        db.prepare('DELETE FROM instance_lock WHERE pid = ? AND host = ?').run(pid, host);
    },
  };
}

function inUse(holder: Holder, path: string, ownHost: string): GuardiaError {
  const where =
    holder.host === ownHost ? `pid ${holder.pid}` : `pid ${holder.pid} on ${holder.host}`;
  const since = new Date(holder.started_at).toISOString();
  return new GuardiaError(
    'STORE_IN_USE',
    `another guardia (${where}, started ${since}) runs on ${path}; stop it first, or give this ` +
      'one its own store.path',
    { path, pid: holder.pid, host: holder.host },
  );
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user; only ESRCH means it is gone.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !exited(pid);
}

/**
 * A killed process stays in the table as a zombie until its parent reaps it, and signals still
 * reach it; Linux shows it as state Z (or X) in /proc. Elsewhere, the signal test decides.
 */
function exited(pid: number): boolean {
  try {
    // `pid (name) S …`: the state follows the name, which may itself hold parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.charAt(stat.lastIndexOf(')') + 2);
    return state === 'Z' || state === 'X';
  } catch {
    return false;
  }
}
