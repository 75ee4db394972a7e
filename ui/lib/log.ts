/**
 * Server log lines: one JSON object per line, level-filtered by MLTRACK_LOG_LEVEL. Callers pass
 * facts, never credentials; messages from MLflow may be logged, request bodies never. Server code only.
 */
import { env } from "./env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof LEVELS;

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS[level] < LEVELS[env.MLTRACK_LOG_LEVEL]) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
