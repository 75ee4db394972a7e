/**
 * Sealing secrets at rest (the MLflow passwords of users MLTrack provisioned): AES-256-GCM with a fresh
 * 12-byte IV each time, as text `v1.<iv>.<ciphertext+tag>` (base64url). Keys come from HKDF-SHA256:
 * the server's from NEXTAUTH_SECRET and a purpose label, an API token's from the whole token, so the
 * password stored with a token opens only for someone presenting that token.
 */
import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The version is authenticated too: a sealed value cannot be passed off under another format. */
const AAD = Buffer.from(`mltrack.seal.${VERSION}`, "utf8");
const BASE64URL = /^[A-Za-z0-9_-]+$/;

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new RangeError(`A sealing key has ${KEY_BYTES} bytes, not ${key.length}.`);
}

function deriveKey(material: string, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(material, "utf8"), Buffer.alloc(0), info, KEY_BYTES));
}

export function sealWith(key: Buffer, plaintext: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const sealed = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${sealed.toString("base64url")}`;
}

/** The plaintext; throws when `sealed` is not a sealed value, was changed, or was sealed with another key. */
export function openWith(key: Buffer, sealed: string): string {
  checkKey(key);
  const [version, ivText, bodyText, ...rest] = sealed.split(".");
  if (version !== VERSION || rest.length > 0 || !ivText || !bodyText || !BASE64URL.test(ivText + bodyText)) {
    throw new Error(`Not a sealed value (expected ${VERSION}.<iv>.<ciphertext>).`);
  }
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) {
    throw new Error(`Not a sealed value (expected ${VERSION}.<iv>.<ciphertext>).`);
  }
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(AAD);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new Error("The sealed value does not open with this key: another key sealed it, or it was changed.");
  }
}

/** The server's key for one purpose ("mlflow-password"), from NEXTAUTH_SECRET. */
export function serverKey(secret: string, purpose: string): Buffer {
  if (!secret) throw new Error("serverKey needs the server secret (NEXTAUTH_SECRET).");
  if (!purpose) throw new Error("serverKey needs a purpose label.");
  return deriveKey(secret, `mltrack server key: ${purpose}`);
}

/** The key that seals what only the holder of this API token may open. */
export function apiTokenKey(token: string): Buffer {
  if (!token) throw new Error("apiTokenKey needs the API token.");
  return deriveKey(token, "mltrack api token key");
}
