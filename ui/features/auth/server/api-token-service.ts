/**
 * A user's personal API tokens. Creating one needs the user's MLflow password (the session has it): it
 * is sealed under a key derived from the token itself, so the store holds nothing that acts as the
 * user without the token. The token is answered once and never again.
 */
import "server-only";
import type { Session } from "@/lib/auth";
import { AppError } from "@/lib/http/errors";
import { newApiToken, type ApiTokenRecord } from "../api-tokens";
import type { ApiTokenSummary, CreateApiTokenBody, CreatedApiToken } from "../schemas";
import { apiTokenKey, sealWith } from "./seal";
import { authStore } from "./store-instance";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Live tokens one user may hold. */
export const MAX_LIVE_TOKENS = 50;

function teamSession(session: Session) {
  if (session.mode !== "team") throw new AppError("ENDPOINT_NOT_FOUND", "API tokens exist in team mode only");
  return session;
}

function summaryOf(record: ApiTokenRecord, now = Date.now()): ApiTokenSummary {
  const { id, label, createdAt, expiresAt, revokedAt, lastUsedAt } = record;
  const state = revokedAt !== null ? "revoked" : expiresAt !== null && expiresAt <= now ? "expired" : "live";
  return { id, label, createdAt, expiresAt, revokedAt, lastUsedAt, state };
}

export async function listApiTokens(session: Session): Promise<ApiTokenSummary[]> {
  const team = teamSession(session);
  return (await (await authStore()).listApiTokens(team.user.name)).map(summaryOf);
}

export async function createApiToken(session: Session, body: CreateApiTokenBody): Promise<CreatedApiToken> {
  const team = teamSession(session);
  const store = await authStore();
  const now = Date.now();
  const live = (await store.listApiTokens(team.user.name)).filter(
    (t) => t.revokedAt === null && (t.expiresAt === null || t.expiresAt > now),
  );
  if (live.length >= MAX_LIVE_TOKENS) {
    throw new AppError("RESOURCE_EXHAUSTED", `At most ${MAX_LIVE_TOKENS} live tokens per user: revoke one first`);
  }
  const { token, id, hash } = newApiToken();
  const record = {
    id,
    hash,
    userName: team.user.name,
    label: body.label,
    createdAt: now,
    expiresAt: body.expiresInDays === null ? null : now + body.expiresInDays * DAY_MS,
    revokedAt: null,
    lastUsedAt: null,
    sealedPassword: sealWith(apiTokenKey(token), team.credentials.password),
  };
  await store.insertApiToken(record);
  return { token, summary: summaryOf(record) };
}

export async function revokeApiToken(session: Session, id: string): Promise<ApiTokenSummary> {
  const team = teamSession(session);
  const store = await authStore();
  if (!(await store.revokeApiToken(id, team.user.name, Date.now()))) {
    throw new AppError("RESOURCE_DOES_NOT_EXIST", `No live API token ${id} of yours`);
  }
  const record = await store.getApiToken(id);
  if (!record) throw new AppError("RESOURCE_DOES_NOT_EXIST", `No API token ${id}`);
  return summaryOf(record);
}
