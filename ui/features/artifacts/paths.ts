/** Artifact paths as MLflow lists them: relative, `/`-separated, no leading or trailing slash. */

export function baseName(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? path : path.slice(slash + 1);
}

/** `a/b/c.txt` -> `a/b`; a top-level entry's parent is the root, `""`. */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/** The folders that hold `path`, outermost first: `a/b/c.txt` -> `["a", "a/b"]`. */
export function ancestorsOf(path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  return segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join("/"));
}

export function joinPath(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

/** Drops empty segments and a `./` prefix, as a URL typed by hand may carry: `./a//b/` -> `a/b`. */
export function normalizeArtifactPath(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** Bytes for people, in powers of 1024: `0 B`, `913 B`, `11.4 KB`, `2 MB`. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return "unknown size";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${UNITS[unit]}`;
}
