/**
 * Artifact path checks shared by the client and the gateway. A path is refused when any of its
 * percent-decodings (plain, encoded, double-encoded, ...) holds a `..` segment, is absolute, has a
 * drive letter, a backslash or a NUL byte, or cannot be decoded.
 */
export type ArtifactPathCheck = { ok: true } | { ok: false; reason: string };

const MAX_DECODINGS = 4;

export function checkArtifactPath(path: string): ArtifactPathCheck {
  let current = path;
  for (let layer = 0; layer <= MAX_DECODINGS; layer++) {
    const problem = problemIn(current);
    if (problem) return { ok: false, reason: problem };
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return { ok: false, reason: "it is not valid percent-encoding" };
    }
    if (decoded === current) return { ok: true };
    current = decoded;
  }
  return { ok: false, reason: "it is encoded too many times" };
}

function problemIn(path: string): string | undefined {
  if (path.includes("\0")) return "it contains a NUL byte";
  if (path.includes("\\")) return "it contains a backslash";
  if (path.startsWith("/")) return "it is absolute";
  if (/^[a-zA-Z]:/.test(path)) return "it starts with a drive letter";
  if (path.split("/").some((segment) => segment === "..")) return "it contains a '..' segment";
  return undefined;
}
