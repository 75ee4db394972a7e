/**
 * `make stop`: undeploys the local deployments while MLflow still holds their records (the path of
 * `mltrack undeploy`), then stops the UI and MLflow the stack started. Servers it did not start
 * (`make dev` in another terminal) are left alone, and said so.
 */
import { inspectComponent, stackComponents, type Component } from "./components";
import type { StackSettings } from "./config";
import { activeLocalDeployments, deploymentHost, onThisHost } from "./deployments";
import { removePidFile } from "./pid-file";
import { portIsFree } from "../lib/ports";
import { answersAsMlflow } from "./probe";
import { loadSdk } from "./sdk";
import { stopGroup } from "./stop-group";

export async function stop(settings: StackSettings): Promise<number> {
  const { all } = stackComponents(settings);
  const states = await Promise.all(
    all.map(async (component) => ({ component, state: await inspectComponent(component) })),
  );
  const ours = states.flatMap(({ component, state }) =>
    state.kind === "stack" ? [{ component, record: state.record }] : [],
  );
  const foreign = states.filter(({ state }) => state.kind === "foreign").map(({ component }) => component);
  for (const { component, state } of states) {
    if (state.kind === "down" && state.stalePidFile) removePidFile(component.pidFile);
  }

  if (ours.length === 0) {
    if (foreign.length > 0) {
      console.error(
        `Not stopping ${foreign.map(describeForeign).join(" and ")}: not started by the stack (\`make dev\`?). Stop ${foreign.length > 1 ? "them" : "it"} where ${foreign.length > 1 ? "they run" : "it runs"} (Ctrl-C).`,
      );
      return 1;
    }
    console.log("Nothing to stop: the stack is not running.");
    return 0;
  }

  let failed = false;
  if (await answersAsMlflow(settings.mlflowUrl)) {
    failed = !(await undeployLocal(settings));
  } else {
    console.warn("MLflow does not answer: local deployments cannot be listed, so none were undeployed.");
  }

  // Side by side: MLflow alone takes seconds to exit.
  const results = await Promise.all(
    ours.map(async ({ component, record }) => {
      const how = await stopGroup(record.pid);
      removePidFile(component.pidFile);
      const free = await waitForPort(component, record.port);
      const killed = how === "killed" ? " with SIGKILL: it ignored SIGTERM" : "";
      const busy = free ? "" : ` Port ${record.port} is still in use.`;
      return { free, line: `Stopped ${component.label} (pid ${record.pid}, port ${record.port})${killed}.${busy}` };
    }),
  );
  for (const { free, line } of results) {
    console.log(line);
    failed ||= !free;
  }
  for (const component of foreign) console.log(`Left ${describeForeign(component)} running: not started by the stack.`);
  return failed ? 1 : 0;
}

function describeForeign(component: Component): string {
  return `${component.label} at ${component.url}`;
}

/** True when every local deployment of this host was stopped. */
async function undeployLocal(settings: StackSettings): Promise<boolean> {
  let sdk;
  let deployments;
  try {
    sdk = await loadSdk(settings, (message) => console.warn(`mltrack: ${message}`));
    deployments = await activeLocalDeployments(sdk);
  } catch (err) {
    console.warn(`Local deployments could not be listed: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  }
  const engine = sdk.engine;
  const results = await Promise.all(
    deployments.map(async (d) => {
      const name = `${d.id} (${d.modelName}/${d.modelVersion})`;
      if (!onThisHost(d)) {
        console.log(`Left deployment ${name} alone: it runs on host ${deploymentHost(d)}.`);
        return true;
      }
      try {
        const after = await engine.undeploy(d.id, { wait: true });
        const ok = after.status === "stopped";
        console.log(
          `Undeployed ${name}: ${after.status}${ok ? "" : ` (${after.lastError?.message ?? "see its page"})`}.`,
        );
        return ok;
      } catch (err) {
        console.warn(`Could not undeploy ${name}: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      }
    }),
  );
  return results.every(Boolean);
}

async function waitForPort(component: Component, port: number): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    if (await portIsFree(port, component.host)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
