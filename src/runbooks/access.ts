import type { Caller } from '../bot/router.js';
import type { Runbook } from './schema.js';

/**
 * Whether `caller` may run `runbook`: listed by user id, or in one of its groups. A group is a
 * name from `runbooks.groups` (members are user ids or Slack group ids) or a Slack group id.
 */
export function mayRun(
  caller: Caller,
  runbook: Runbook,
  groups: Readonly<Record<string, readonly string[]>>,
): boolean {
  if (runbook.allowed.users.includes(caller.id)) return true;
  return runbook.allowed.groups.some((group) => {
    if (caller.groups.includes(group)) return true;
    const members = groups[group] ?? [];
    return members.some((m) => m === caller.id || caller.groups.includes(m));
  });
}
