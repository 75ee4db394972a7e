/**
 * Personal API tokens (team mode): `mlt_<id>_<secret>`. The id (12 hex digits) finds the token's
 * record; only the SHA-256 of the whole token is stored, so the store never holds a usable token
 * (GitHub's scheme: a 256-bit random secret needs no slow hash). A token is shown once, at creation.
 * Anything that does not parse, an unknown id, a hash that does not match, an expired or a revoked
 * token: all the same 401 to the caller, so no answer tells which part was wrong.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_TOKEN_PREFIX = "mlt_";
const TOKEN_PATTERN = /^mlt_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** What the token store keeps of a token: never the token itself. */
export interface ApiTokenRecord {
  id: string;
  /** SHA-256 of the whole token, hex. */
  hash: string;
  userName: string;
  /** What the user called it ("laptop", "CI"). */
  label: string;
  createdAt: number;
  /** Epoch ms; null: does not expire. */
  expiresAt: number | null;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface NewApiToken {
  /** Shown to the user once. */
  token: string;
  id: string;
  hash: string;
}

export function newApiToken(): NewApiToken {
  const id = randomBytes(6).toString("hex");
  const token = `${API_TOKEN_PREFIX}${id}_${randomBytes(32).toString("base64url")}`;
  return { token, id, hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The record id a token names, or null when the text is not a token at all. */
export function apiTokenId(text: string): string | null {
  return TOKEN_PATTERN.exec(text)?.[1] ?? null;
}

export type ApiTokenCheck = { ok: true } | { ok: false; reason: "malformed" | "mismatch" | "expired" | "revoked" };

/**
 * Whether `token` is the live token `record` describes at `now`. The reason is for the server's log
 * only; callers answer every failure with the same 401.
 */
export function checkApiToken(token: string, record: ApiTokenRecord, now: number): ApiTokenCheck {
  if (apiTokenId(token) !== record.id) return { ok: false, reason: "malformed" };
  const given = Buffer.from(hashApiToken(token), "hex");
  const stored = Buffer.from(record.hash, "hex");
  if (stored.length !== given.length || !timingSafeEqual(given, stored)) return { ok: false, reason: "mismatch" };
  if (record.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (record.expiresAt !== null && record.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true };
}
