import type { Config } from '../config/schema.js';
import { someOf } from '../core/some.js';
import { loadRunbooks, runbookDir } from './load.js';

export interface ReferenceProblem {
  path: string;
  message: string;
}

/** Every monitor id a config defines: endpoint targets, the other monitors and uptime. */
export function monitorIds(config: Config): Set<string> {
  const m = config.monitors;
  const ids = [
    ...config.targets.map((t) => t.id),
    ...m.rates.map((r) => r.id),
    ...m.database.map((d) => d.id),
    ...m.dependencies.map((d) => d.id),
    ...m.websockets.map((w) => w.id),
  ];
  if (m.uptime.enabled && config.targets.length > 0) ids.push('uptime');
  return new Set(ids);
}

function unknownMonitor(known: ReadonlySet<string>, id: string): string {
  return `no monitor "${id}" in this config (known: ${someOf(known, 8, 'none')})`;
}

/**
 * What `guardia check-config` adds to the schema check for runbooks. `errors`: files that do
 * not parse or validate (at start they are logged and left out, so one typo does not take every
 * remediation away during an incident; here they fail the check). `warnings`: monitors a
 * runbook names (a `monitor` default, a `verify` step) that the config does not define, which
 * is expected when the bundled simulator runbooks sit next to a config for another service.
 */
export function runbookProblems(
  config: Config,
  cwd?: string,
): { errors: ReferenceProblem[]; warnings: ReferenceProblem[] } {
  const loaded = loadRunbooks(runbookDir(config.runbooks.dir, cwd));
  const errors: ReferenceProblem[] = loaded.problems.map((p) => ({
    path: `runbooks: ${p.file} ${p.path}`,
    message: p.message,
  }));
  const problems: ReferenceProblem[] = [];
  const known = monitorIds(config);
  for (const rb of loaded.runbooks) {
    const fallback = rb.params.monitor?.default;
    if (typeof fallback === 'string' && !known.has(fallback)) {
      problems.push({
        path: `runbooks: ${rb.id} params.monitor.default`,
        message: unknownMonitor(known, fallback),
      });
    }
    rb.steps.forEach((step, i) => {
      if (step.type !== 'verify' || step.monitor.includes('${')) return;
      if (!known.has(step.monitor)) {
        problems.push({
          path: `runbooks: ${rb.id} steps[${i}].monitor`,
          message: unknownMonitor(known, step.monitor),
        });
      }
    });
  }
  return { errors, warnings: problems };
}

/**
 * References in `incidents:` to what the config does not define: escalation steps paging an
 * unknown manager, and `dependsOn` naming an unknown monitor (a typo there silently stops
 * related alerts from folding into one incident).
 */
export function escalationProblems(config: Config): ReferenceProblem[] {
  const managers = new Set(config.managers.map((m) => m.id));
  const problems: ReferenceProblem[] = [];
  const known = monitorIds(config);
  for (const [id, causes] of Object.entries(config.incidents.dependsOn)) {
    if (!known.has(id)) {
      problems.push({ path: `incidents.dependsOn.${id}`, message: unknownMonitor(known, id) });
    }
    causes.forEach((cause, i) => {
      if (known.has(cause)) return;
      problems.push({
        path: `incidents.dependsOn.${id}[${i}]`,
        message: unknownMonitor(known, cause),
      });
    });
  }
  config.incidents.escalation.forEach((step, i) => {
    if (step.action === 'page' && !managers.has(step.manager)) {
      problems.push({
        path: `incidents.escalation[${i}].manager`,
        message: `no manager "${step.manager}" under managers: (known: ${someOf(managers, 8, 'none')})`,
      });
    }
  });
  return problems;
}
