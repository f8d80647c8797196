import type { webApi } from '@slack/bolt';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/logger.js';

/**
 * Which Slack user groups each user belongs to, for runbook permissions by group. One
 * `usergroups.list` call (with members) serves every lookup for `ttlMs`; when Slack cannot be
 * asked, callers get no groups (permissions then fall back to user ids), never an error.
 */
export class UserGroups {
  readonly #client: webApi.WebClient;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #ttlMs: number;
  #byUser = new Map<string, string[]>();
  #loadedAt = Number.NEGATIVE_INFINITY;
  #loading: Promise<void> | undefined;

  constructor(client: webApi.WebClient, clock: Clock, log: Logger, ttlMs = 5 * 60_000) {
    this.#client = client;
    this.#clock = clock;
    this.#log = log;
    this.#ttlMs = ttlMs;
  }

  /** Group ids (`S…`) and handles (`oncall`) of a user, both usable in permissions. */
  async of(userId: string): Promise<string[]> {
    if (this.#clock.now() - this.#loadedAt > this.#ttlMs) {
      this.#loading ??= this.#load().finally(() => {
        this.#loading = undefined;
      });
      await this.#loading;
    }
    return this.#byUser.get(userId) ?? [];
  }

  async #load(): Promise<void> {
    try {
      const res = await this.#client.usergroups.list({ include_users: true });
      const byUser = new Map<string, string[]>();
      for (const group of res.usergroups ?? []) {
        for (const user of group.users ?? []) {
          const list = byUser.get(user) ?? [];
          if (group.id) list.push(group.id);
          if (group.handle) list.push(group.handle);
          byUser.set(user, list);
        }
      }
      this.#byUser = byUser;
      this.#log.debug({ groups: res.usergroups?.length ?? 0 }, 'user groups loaded');
    } catch (err) {
      this.#log.warn({ err }, 'user groups unavailable; permissions use user ids only');
    }
    this.#loadedAt = this.#clock.now();
  }
}
