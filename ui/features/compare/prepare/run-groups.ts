/** A run's group value: its param or tag value as text; runs without it share the "(none)" group. */
export const NO_GROUP_VALUE = "(none)";

export interface RunGroup {
  /** The param or tag value that defines the group. */
  id: string;
  runIds: string[];
}

/**
 * Runs grouped by a param or tag (`param:<key>` / `tag:<key>`), groups in order of first appearance,
 * so their colours stay put while runs are hidden.
 */
export function groupRuns(
  runs: readonly { runId: string; params: Record<string, string>; tags: Record<string, string> }[],
  groupBy: `param:${string}` | `tag:${string}`,
): RunGroup[] {
  const at = groupBy.indexOf(":");
  const [type, key] = [groupBy.slice(0, at), groupBy.slice(at + 1)];
  const groups = new Map<string, string[]>();
  for (const run of runs) {
    const value = (type === "param" ? run.params[key] : run.tags[key]) ?? NO_GROUP_VALUE;
    const members = groups.get(value);
    if (members) members.push(run.runId);
    else groups.set(value, [run.runId]);
  }
  return [...groups].map(([id, runIds]) => ({ id, runIds }));
}
