import { z } from "zod";
import { json, raw } from "./spec";

export const server = {
  /** `GET /health`: "OK" once the server is up. */
  health: raw({ method: "GET", path: "/health", retry: "safe" }),
  /** `GET /version`: the bare MLflow version text. */
  version: raw({ method: "GET", path: "/version", retry: "safe" }),
  /** Capabilities MLflow 3 clients read at start (store type, artifact serving, workspaces). */
  info: json({
    method: "GET",
    path: "/api/3.0/mlflow/server-info",
    retry: "safe",
    request: z.object({}),
    response: z.record(z.string(), z.unknown()),
  }),
};
