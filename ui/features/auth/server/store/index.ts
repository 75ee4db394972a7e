/**
 * Opens team mode's store from MLTRACK_AUTH_STORE_URL and migrates it:
 * - `sqlite:<path>`: a file, relative to the working directory or absolute; its folder is created.
 *   SQLAlchemy's forms, as in MLflow's own store URI, mean the same: `sqlite:///relative.db`,
 *   `sqlite:////absolute.db`.
 * - `postgresql://…` or `postgres://…`: tables in the `mltrack` schema of that database.
 */
import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { openPostgresAuthStore } from "./postgres";
import { openSqliteAuthStore } from "./sqlite";
import type { AuthStore } from "./types";

export type { AuthStore, Role, StoredApiToken, UserRecord } from "./types";
export { ROLES } from "./types";

const ACCEPTED = "sqlite:<path> (relative or absolute) or a postgresql:// (postgres://) URL";

/** The URL with any `user:password@` and `password=` value hidden, fit for an error message or a log. */
export function redactStoreUrl(url: string): string {
  // Up to the last `@`: a password may hold unescaped `/`, `:` or `@`.
  const at = url.lastIndexOf("@");
  const scheme = /^[a-z][a-z0-9+.-]*:(\/\/)?/i.exec(url)?.[0] ?? "";
  const shown = at < 0 ? url : `${scheme}***${url.slice(at)}`;
  return shown.replace(/(password=)[^&#]*/gi, "$1***");
}

/** The file a `sqlite:` URL names, or null when it names none. */
function sqliteFile(url: string): string | null {
  const rest = url.slice("sqlite:".length);
  // `sqlite://` + host is not a file; `sqlite:///x` is SQLAlchemy's relative x, `sqlite:////x` its /x.
  const file = rest.startsWith("///") ? rest.slice(3) : rest.startsWith("//") ? "" : rest;
  return file === "" ? null : path.resolve(file);
}

export async function openAuthStore(url: string): Promise<AuthStore> {
  const shown = redactStoreUrl(url);
  const postgres = url.startsWith("postgresql://") || url.startsWith("postgres://");
  if (!postgres && !url.startsWith("sqlite:"))
    throw new Error(`Unsupported auth store URL "${shown}": use ${ACCEPTED}.`);
  const file = postgres ? null : sqliteFile(url);
  if (!postgres && !file) throw new Error(`Auth store URL "${shown}" names no file: use ${ACCEPTED}.`);
  try {
    if (!file) return await openPostgresAuthStore(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return openSqliteAuthStore(file);
  } catch (err) {
    // A new error, without `cause`: a URL parser's error carries the whole URL, password included.
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`Could not open the auth store at "${shown}": ${hidePassword(message, url)}`);
  }
}

/** `message` without the URL's password, however a driver may have quoted it. */
function hidePassword(message: string, url: string): string {
  let password: string;
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return message.replaceAll(url, redactStoreUrl(url));
  }
  return password ? message.replaceAll(password, "***") : message;
}
