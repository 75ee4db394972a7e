/**
 * The UI server's one deploy engine: created at first use with the UI's MLflow client, and
 * `recover()` run once then (live deployments re-attached, dead ones marked failed after a restart). Kept
 * on `globalThis` because Next may evaluate this module once per route bundle; local children are
 * owned by the engine, so there must be exactly one per process.
 */
import "server-only";
import { DeployEngine } from "mltrack-sdk/deploy";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { serviceMlflow } from "@/lib/mlflow";

interface EngineSlot {
  engine: DeployEngine;
  recovered: Promise<void> | null;
}

const SLOT = Symbol.for("mltrack.deployEngine");
type Holder = typeof globalThis & { [SLOT]?: EngineSlot };

function slot(): EngineSlot {
  const holder = globalThis as Holder;
  holder[SLOT] ??= {
    // MLTrack's own client: the engine's records are the server's (team routes check each user's access first).
    engine: new DeployEngine({
      mlflow: serviceMlflow(),
      workDir: env.MLTRACK_DEPLOY_DIR,
      warn: (message) => log("warn", message),
    }),
    recovered: null,
  };
  return holder[SLOT];
}

/** The engine, after its one `recover()`; a failed recovery (MLflow down) is retried on the next call. */
export async function deployEngine(): Promise<DeployEngine> {
  const current = slot();
  current.recovered ??= current.engine.recover().then(
    () => undefined,
    (err: unknown) => {
      current.recovered = null;
      log("warn", "Deployment recovery failed; retried on the next deployment request", {
        error: err instanceof Error ? err.message : String(err),
      });
    },
  );
  await current.recovered;
  return current.engine;
}
