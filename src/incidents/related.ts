/**
 * Targets connected to `targetId` through `dependsOn`, in either direction and transitively,
 * including itself. Five endpoints that all depend on `api-health` form one group, so their
 * alerts fold into one incident whichever fails first.
 */
export function relatedTargets(
  dependsOn: Readonly<Record<string, readonly string[]>>,
  targetId: string,
): string[] {
  const edges = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!edges.has(a)) edges.set(a, new Set());
    edges.get(a)?.add(b);
  };
  for (const [from, tos] of Object.entries(dependsOn)) {
    for (const to of tos) {
      link(from, to);
      link(to, from);
    }
  }
  const seen = new Set([targetId]);
  const queue = [targetId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const other of edges.get(next) ?? []) {
      if (!seen.has(other)) {
        seen.add(other);
        queue.push(other);
      }
    }
  }
  return [...seen];
}

/**
 * Whether `from` depends on `to` through `dependsOn`, directly or through other targets. When
 * an incident's target depends on a target that fails too, that one is the likelier cause.
 */
export function dependsOnTransitively(
  dependsOn: Readonly<Record<string, readonly string[]>>,
  from: string,
  to: string,
): boolean {
  const seen = new Set<string>([from]);
  const queue = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const upstream of dependsOn[next] ?? []) {
      if (upstream === to) return true;
      if (!seen.has(upstream)) {
        seen.add(upstream);
        queue.push(upstream);
      }
    }
  }
  return false;
}
