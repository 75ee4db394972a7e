import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const venvBin = (tool: string): string => path.join(repoRoot, ".venv", "bin", tool);
export const uiDir = path.join(repoRoot, "ui");
