/**
 * Where the Python tools the deploy targets run come from: `MLTRACK_VENV` (a virtualenv folder) when
 * set, else the nearest `.venv` walking up from the working directory, else the bare name on PATH.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export type PythonTool = "mlflow" | "modal" | "python";

export function resolvePythonTool(
  tool: PythonTool,
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): string {
  const env = options.env ?? process.env;
  const bin = process.platform === "win32" ? "Scripts" : "bin";
  const venv = env.MLTRACK_VENV?.trim();
  if (venv) return path.join(path.resolve(venv), bin, tool);
  let dir = path.resolve(options.cwd ?? process.cwd());
  for (;;) {
    const candidate = path.join(dir, ".venv", bin, tool);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return tool;
    dir = parent;
  }
}
