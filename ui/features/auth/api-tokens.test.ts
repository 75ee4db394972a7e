import { describe, expect, it } from "vitest";
import { apiTokenId, checkApiToken, hashApiToken, newApiToken, type ApiTokenRecord } from "./api-tokens";

const NOW = Date.UTC(2026, 11, 1);

function recordOf(token: ReturnType<typeof newApiToken>, extra: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id: token.id,
    hash: token.hash,
    userName: "alice",
    label: "laptop",
    createdAt: NOW - 1000,
    expiresAt: null,
    revokedAt: null,
    lastUsedAt: null,
    ...extra,
  };
}

describe("personal API tokens", () => {
  it("are random, name their record, and are stored only as a hash", () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.token).toMatch(/^mlt_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.token).not.toBe(b.token);
    expect(a.id).not.toBe(b.id);
    expect(apiTokenId(a.token)).toBe(a.id);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.slice(17));
  });

  it("check out when live, and fail when revoked, expired, or not the stored one", () => {
    const token = newApiToken();
    expect(checkApiToken(token.token, recordOf(token), NOW)).toEqual({ ok: true });
    expect(checkApiToken(token.token, recordOf(token, { expiresAt: NOW + 1 }), NOW)).toEqual({ ok: true });
    expect(checkApiToken(token.token, recordOf(token, { expiresAt: NOW }), NOW)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(checkApiToken(token.token, recordOf(token, { revokedAt: NOW - 1 }), NOW)).toEqual({
      ok: false,
      reason: "revoked",
    });
    // Same id, another secret: a guess at the secret part.
    const forged = `${token.token.slice(0, 17)}${"A".repeat(43)}`;
    expect(checkApiToken(forged, recordOf(token), NOW)).toEqual({ ok: false, reason: "mismatch" });
    expect(checkApiToken(newApiToken().token, recordOf(token), NOW)).toEqual({ ok: false, reason: "malformed" });
  });

  it.each([
    ["", "empty"],
    ["mlt_", "prefix only"],
    ["Bearer mlt_0123456789ab_" + "a".repeat(43), "with a scheme"],
    ["mlt_0123456789AB_" + "a".repeat(43), "upper-case id"],
    ["mlt_0123456789ab_" + "a".repeat(42), "short secret"],
    ["mlt_0123456789ab_" + "a".repeat(44), "long secret"],
    ["mlt_0123456789ab_" + "a".repeat(42) + "=", "padding"],
    ["mlt_0123456789ab_" + "a".repeat(43) + "\n", "trailing newline"],
    ["dapi0123456789ab", "another service's token"],
  ])("refuse text that is not a token (%s: %s)", (text) => {
    expect(apiTokenId(text)).toBeNull();
  });
});
