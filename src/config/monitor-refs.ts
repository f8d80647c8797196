/** How a reference check reports one problem (zod's `ctx.addIssue`). */
export type AddIssue = (issue: { code: 'custom'; path: PropertyKey[]; message: string }) => void;

const LISTS = ['rates', 'database', 'dependencies', 'websockets'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Ids unique across targets and every `monitors:` list, and every channel they or the
 * summaries name exists. Reads the partly parsed config defensively, like the rest of the
 * reference checks, so these problems are reported together with shape problems.
 */
export function checkMonitorRefs(
  config: Record<string, unknown>,
  ids: Set<string>,
  channels: Record<string, unknown>,
  addIssue: AddIssue,
): void {
  const known = Object.keys(channels).join(', ') || 'none';
  const monitors = isRecord(config.monitors) ? config.monitors : {};
  for (const key of LISTS) {
    const list = Array.isArray(monitors[key]) ? (monitors[key] as unknown[]) : [];
    list.forEach((entry, index) => {
      if (!isRecord(entry)) return;
      if (typeof entry.id === 'string') {
        if (ids.has(entry.id) || (entry.id === 'uptime' && isUptimeOn(monitors))) {
          addIssue({
            code: 'custom',
            path: ['monitors', key, index, 'id'],
            message: `"${entry.id}" is already the id of another target or monitor`,
          });
        }
        ids.add(entry.id);
      }
      if (typeof entry.channel === 'string' && !(entry.channel in channels)) {
        addIssue({
          code: 'custom',
          path: ['monitors', key, index, 'channel'],
          message: `no channel "${entry.channel}" under channels: (known: ${known})`,
        });
      }
    });
  }
  const summaries = isRecord(config.summaries) ? config.summaries : {};
  for (const kind of ['team', 'exec'] as const) {
    const s = summaries[kind];
    if (!isRecord(s) || s.enabled === false || typeof s.channel !== 'string') continue;
    // The default channel names may be absent from old configs: that summary is then skipped
    // with a warning at start. A channel named on purpose must exist.
    if (s.channel !== kind && !(s.channel in channels)) {
      addIssue({
        code: 'custom',
        path: ['summaries', kind, 'channel'],
        message: `no channel "${s.channel}" under channels: (known: ${known})`,
      });
    }
  }
}

function isUptimeOn(monitors: Record<string, unknown>): boolean {
  return !isRecord(monitors.uptime) || monitors.uptime.enabled !== false;
}
