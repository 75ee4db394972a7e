/**
 * Who a team-mode request is, from its headers alone: a personal API token (`Authorization: Bearer
 * mlt_…`, what MLflow clients send for MLFLOW_TRACKING_TOKEN), MLflow credentials (`Authorization:
 * Basic`, for MLFLOW_TRACKING_USERNAME/PASSWORD), or the browser's session cookie. Every failure is a
 * 401 that does not say which part was wrong; the reason goes to the server log only.
 */
import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { apiTokenId, checkApiToken } from "../api-tokens";
import type { Role } from "../roles";
import { CLIENT_IP_HEADER } from "./client-ip";
import { passwordSignIn } from "./password-sign-in";
import { apiTokenKey, openWith } from "./seal";
import { readSessionCookie } from "./session-cookie";
import { authStore } from "./store-instance";
import { roleOf } from "./user-roles";

export interface TeamIdentity {
  name: string;
  role: Role;
  via: "session" | "token" | "basic";
  /** What MLTrack sends to MLflow for this user: MLflow's permissions decide. */
  credentials: { username: string; password: string };
}

const TOUCH_EVERY_MS = 60_000;
const BASIC_CACHE_MS = 60_000;
const basicCache = new Map<string, { isAdmin: boolean; until: number }>();

function unauthenticated(reason: string, detail: string): never {
  log("info", "request not authenticated", { reason });
  throw new AppError("UNAUTHENTICATED", detail);
}

export async function resolveTeamIdentity(headers: Headers): Promise<TeamIdentity> {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const [scheme = "", value = ""] = authorization.trim().split(/\s+/, 2);
    if (/^bearer$/i.test(scheme)) return fromApiToken(value);
    if (/^basic$/i.test(scheme)) return fromBasic(value, headers.get(CLIENT_IP_HEADER) ?? "unknown");
    unauthenticated("unknown authorization scheme", "Authorization must be a Bearer API token or Basic credentials");
  }
  const claims = await readSessionCookie(headers.get("cookie"));
  if (claims === null) unauthenticated("no credentials", "Sign in, or send an API token");
  if (claims === "invalid") unauthenticated("invalid session cookie", "Your session has expired: sign in again");
  const role = await roleOf(claims.name);
  if (!role) unauthenticated("session of an unknown user", "Your session has expired: sign in again");
  return {
    name: claims.name,
    role,
    via: "session",
    credentials: { username: claims.name, password: claims.mlflowPassword },
  };
}

const INVALID_TOKEN = "Invalid, expired or revoked API token";

async function fromApiToken(token: string): Promise<TeamIdentity> {
  const id = apiTokenId(token);
  if (!id) unauthenticated("malformed API token", INVALID_TOKEN);
  const store = await authStore();
  const record = await store.getApiToken(id);
  if (!record) unauthenticated("unknown API token", INVALID_TOKEN);
  const now = Date.now();
  const check = checkApiToken(token, record, now);
  if (!check.ok) unauthenticated(`API token ${check.reason}`, INVALID_TOKEN);
  const role = await roleOf(record.userName);
  if (!role) unauthenticated("API token of an unknown user", INVALID_TOKEN);
  let password: string;
  try {
    password = openWith(apiTokenKey(token), record.sealedPassword);
  } catch {
    unauthenticated("API token's sealed credentials do not open", INVALID_TOKEN);
  }
  if (record.lastUsedAt === null || now - record.lastUsedAt > TOUCH_EVERY_MS) {
    store.touchApiToken(id, now).catch((err: unknown) => {
      log("warn", "could not record an API token's use", { error: err instanceof Error ? err.message : String(err) });
    });
  }
  return { name: record.userName, role, via: "token", credentials: { username: record.userName, password } };
}

async function fromBasic(encoded: string, clientIp: string): Promise<TeamIdentity> {
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) unauthenticated("malformed basic credentials", "Basic credentials must be username:password");
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const key = createHash("sha256").update(decoded).digest("hex");
  const now = Date.now();
  let hit = basicCache.get(key);
  if (!hit || hit.until <= now) {
    const signIn = await passwordSignIn(username, password, clientIp);
    if (!signIn.ok && signIn.reason === "throttled") {
      throw new AppError("REQUEST_LIMIT_EXCEEDED", "Too many failed sign-ins: try again later", {
        headers: { "retry-after": String(signIn.retryAfterSeconds) },
      });
    }
    if (!signIn.ok) unauthenticated("wrong MLflow credentials", "Wrong username or password");
    if (basicCache.size > 10_000) basicCache.clear();
    hit = { isAdmin: signIn.identity.isAdmin, until: now + BASIC_CACHE_MS };
    basicCache.set(key, hit);
  }
  const role = await roleOf(username);
  if (!role) unauthenticated("basic credentials of a removed user", "Wrong username or password");
  return { name: username, role, via: "basic", credentials: { username, password } };
}
