import { businessMetricFamilies } from './business-metrics.js';
import type { SimContext } from './context.js';
import { errorReply, json, type Route, type SimReply } from './http.js';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from './prometheus.js';
import { buildStatusSummary, dependencyDown } from './statuspage.js';
import { DEPENDENCIES, type Dependency } from './types.js';

const isDependency = (name: string | undefined): name is Dependency =>
  DEPENDENCIES.some((d) => d === name);

/** Metrics, third-party status pages and pings: what monitors read besides the public API. */
export function platformRoutes(ctx: SimContext): Route[] {
  const now = () => new Date(ctx.clock.now()).toISOString();

  const withDependency =
    (answer: (dependency: Dependency) => SimReply) =>
    ({ params }: { params: Record<string, string> }): SimReply =>
      isDependency(params.dependency)
        ? answer(params.dependency)
        : errorReply(404, 'NOT_FOUND', 'unknown dependency', { dependency: params.dependency });

  const ping = (dependency: Dependency): SimReply => {
    if (dependencyDown(dependency, ctx.faults.active())) {
      return errorReply(503, 'DEPENDENCY_DOWN', 'dependency unavailable', { dependency });
    }
    return json(200, { ok: true, dependency });
  };

  return [
    { method: 'GET', path: '/metrics/business', handle: () => json(200, ctx.traffic.snapshot()) },
    {
      method: 'GET',
      path: '/metrics',
      handle: () => ({
        status: 200,
        contentType: PROMETHEUS_CONTENT_TYPE,
        text: renderPrometheus(businessMetricFamilies(ctx.traffic.snapshot(), ctx.db.health())),
      }),
    },
    {
      method: 'GET',
      path: '/status/:dependency/api/v2/summary.json',
      handle: withDependency((d) => json(200, buildStatusSummary(d, ctx.faults.active(), now()))),
    },
    { method: 'GET', path: '/deps/:dependency/ping', handle: withDependency(ping) },
  ];
}
