import type { z } from 'zod';

type Ctx = z.core.$RefinementCtx<unknown>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that span sections: unique target ids and channel references that exist.
 *
 * It runs even when other parts of the file are invalid, so a person sees every problem in one
 * go; the value may therefore be only partly parsed, and each step checks what it reads.
 */
export function crossCheck(config: unknown, ctx: Ctx): void {
  if (!isRecord(config)) return;
  const channels = isRecord(config.channels) ? config.channels : {};
  const known = Object.keys(channels);
  const seen = new Map<string, number>();
  const targets = Array.isArray(config.targets) ? config.targets : [];
  targets.forEach((target: unknown, index) => {
    if (!isRecord(target)) return;
    const { id, channel } = target;
    if (typeof id === 'string') {
      const first = seen.get(id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['targets', index, 'id'],
          message: `"${id}" is already the id of targets[${first}]`,
        });
      } else {
        seen.set(id, index);
      }
    }
    if (typeof channel === 'string' && !(channel in channels)) {
      ctx.addIssue({
        code: 'custom',
        path: ['targets', index, 'channel'],
        message: `no channel "${channel}" under channels: (known: ${known.join(', ') || 'none'})`,
      });
    }
  });
  const alerting = isRecord(config.alerting) ? config.alerting : {};
  if (typeof alerting.channel === 'string' && !(alerting.channel in channels)) {
    ctx.addIssue({
      code: 'custom',
      path: ['alerting', 'channel'],
      message: `no channel "${alerting.channel}" under channels: (known: ${known.join(', ') || 'none'})`,
    });
  }
}
