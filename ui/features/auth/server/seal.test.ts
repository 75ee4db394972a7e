import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newApiToken } from "../api-tokens";
import { apiTokenKey, openWith, sealWith, serverKey } from "./seal";

const SECRET = "a-long-random-nextauth-secret-of-the-server-0123456789";
const key = serverKey(SECRET, "mlflow-password");

/** RFC 5869 with SHA-256, empty salt, one block: an independent statement of the derivation. */
function hkdf32(material: string, info: string): Buffer {
  const prk = createHmac("sha256", Buffer.alloc(32)).update(material, "utf8").digest();
  return createHmac("sha256", prk)
    .update(Buffer.concat([Buffer.from(info, "utf8"), Buffer.from([1])]))
    .digest();
}

/** `sealed` with one base64url character of part `index` (1: iv, 2: body) changed. */
function tamper(sealed: string, index: number, at: number): string {
  const parts = sealed.split(".");
  const part = parts[index]!;
  const i = at < 0 ? part.length + at : at;
  parts[index] = part.slice(0, i) + (part[i] === "A" ? "B" : "A") + part.slice(i + 1);
  return parts.join(".");
}

describe("sealWith / openWith", () => {
  it.each(["", "correct horse battery staple", "pässwörd 🔑 with\nnewline", "x".repeat(10_000)])(
    "round-trip %j",
    (plaintext) => {
      const sealed = sealWith(key, plaintext);
      expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
      expect(openWith(key, sealed)).toBe(plaintext);
    },
  );

  it("seal the same text differently each time, never showing it", () => {
    const a = sealWith(key, "hunter2-hunter2");
    const b = sealWith(key, "hunter2-hunter2");
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(a).not.toContain("hunter2");
    expect(Buffer.from(a.split(".")[2]!, "base64url").toString("latin1")).not.toContain("hunter2");
  });

  it("refuse another key", () => {
    const sealed = sealWith(key, "pw");
    expect(() => openWith(serverKey(SECRET, "other-purpose"), sealed)).toThrow(/does not open with this key/);
    expect(() => openWith(serverKey(`${SECRET}x`, "mlflow-password"), sealed)).toThrow(/does not open with this key/);
  });

  it.each([
    ["the iv", 1, 0],
    ["the ciphertext", 2, 0],
    ["the tag", 2, -2],
  ])("refuse a change to %s", (_part, index, at) => {
    const sealed = sealWith(key, "a password of some length");
    const changed = tamper(sealed, index, at);
    expect(changed).not.toBe(sealed);
    expect(() => openWith(key, changed)).toThrow(/does not open with this key/);
  });

  it("refuse a ciphertext cut short", () => {
    const sealed = sealWith(key, "a password of some length");
    expect(() => openWith(key, sealed.slice(0, -3))).toThrow(/does not open with this key/);
  });

  it.each([
    "",
    "hunter2",
    "v1",
    "v1..",
    "v1.abc",
    "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
    "V1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
    "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AA",
    "v1.AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA",
    "v1.AAAAAAAAAAAAAAAA.AAAA",
    "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAA+/",
    "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA==",
  ])("refuse %j, which is not a sealed value", (text) => {
    expect(() => openWith(key, text)).toThrow(/Not a sealed value/);
  });

  it("take 32-byte keys only", () => {
    expect(() => sealWith(Buffer.alloc(16), "pw")).toThrow(/32 bytes, not 16/);
    expect(() => openWith(Buffer.alloc(31), sealWith(key, "pw"))).toThrow(/32 bytes, not 31/);
  });
});

describe("keys", () => {
  it("serverKey is HKDF-SHA256 of the secret, one key per purpose", () => {
    expect(serverKey(SECRET, "mlflow-password")).toEqual(hkdf32(SECRET, "mltrack server key: mlflow-password"));
    expect(serverKey(SECRET, "mlflow-password")).toHaveLength(32);
    expect(serverKey(SECRET, "a")).not.toEqual(serverKey(SECRET, "b"));
    expect(serverKey(`${SECRET}!`, "a")).not.toEqual(serverKey(SECRET, "a"));
    expect(() => serverKey("", "a")).toThrow(/server secret/);
    expect(() => serverKey(SECRET, "")).toThrow(/purpose/);
  });

  it("apiTokenKey is HKDF-SHA256 of the whole token, under its own label", () => {
    const { token } = newApiToken();
    expect(apiTokenKey(token)).toEqual(hkdf32(token, "mltrack api token key"));
    expect(apiTokenKey(token)).not.toEqual(serverKey(token, "api token key"));
    expect(() => apiTokenKey("")).toThrow(/API token/);
  });

  it("a password sealed under a token opens only with that very token", () => {
    const mine = newApiToken();
    const sealed = sealWith(apiTokenKey(mine.token), "the MLflow password");
    expect(openWith(apiTokenKey(mine.token), sealed)).toBe("the MLflow password");
    // Same id, another secret: what the stored record and its id give away is not enough.
    const guess = `${mine.token.slice(0, 17)}${"A".repeat(43)}`;
    expect(() => openWith(apiTokenKey(guess), sealed)).toThrow(/does not open/);
    expect(() => openWith(apiTokenKey(mine.hash), sealed)).toThrow(/does not open/);
    expect(() => openWith(apiTokenKey(newApiToken().token), sealed)).toThrow(/does not open/);
    expect(() => openWith(serverKey(SECRET, "mlflow-password"), sealed)).toThrow(/does not open/);
  });
});
