import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GuardiaError } from '../../src/core/errors.js';
import { openDatabase } from '../../src/store/db.js';
import { acquireInstanceLock } from '../../src/store/instance-lock.js';
import { FakeClock } from '../helpers/fake-clock.js';

function setup() {
  const db = openDatabase({ path: ':memory:' });
  const clock = new FakeClock();
  const claim = (pid: number, host = 'box', isAlive?: (pid: number) => boolean) =>
    acquireInstanceLock(db, { clock, path: './data/guardia.db', pid, host, isAlive });
  return { db, clock, claim };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a refusal');
};

describe('acquireInstanceLock', () => {
  it('refuses a second guardia while the first one runs, naming it and the file', () => {
    const { claim } = setup();
    // The parent of this test process is certainly alive.
    claim(process.ppid);
    const err = refusal(() => claim(process.pid));
    expect(err).toBeInstanceOf(GuardiaError);
    expect((err as GuardiaError).code).toBe('STORE_IN_USE');
    expect((err as GuardiaError).message).toMatch(
      new RegExp(
        `^another guardia \\(pid ${process.ppid}, started .+\\) runs on \\./data/guardia\\.db`,
      ),
    );
  });

  it('takes over from a process killed without releasing (same host, pid gone)', () => {
    const { claim } = setup();
    claim(111, 'box');
    expect(() => claim(222, 'box', () => false)).not.toThrow();
    expect(refusal(() => claim(333, 'box', (pid) => pid === 222))).toBeInstanceOf(GuardiaError);
  });

  it('waits 30 s of silence before taking over from another host', () => {
    const { claim, clock } = setup();
    claim(111, 'other-box');
    clock.advance(25_000);
    expect(refusal(() => claim(222, 'box'))).toBeInstanceOf(GuardiaError);
    clock.advance(10_000);
    expect(() => claim(222, 'box')).not.toThrow();
  });

  it('lets the next one in after release, and the same process claim again', () => {
    const { claim } = setup();
    const first = claim(111, 'box', () => true);
    expect(() => claim(111, 'box', () => true)).not.toThrow();
    first.release();
    expect(() => claim(222, 'box', () => true)).not.toThrow();
  });

  it('tells a running holder from one killed with SIGKILL, by its real process', async () => {
    const { claim } = setup();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    await once(holder, 'spawn');
    const pid = holder.pid ?? 0;
    claim(pid, 'box');
    expect(refusal(() => claim(process.pid, 'box'))).toBeInstanceOf(GuardiaError);
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    expect(() => claim(process.pid, 'box')).not.toThrow();
  });
});
