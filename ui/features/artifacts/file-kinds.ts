/**
 * What an artifact is, from its name: how the UI previews it and the Content-Type MLTrack serves it
 * with. The table is an allow-list: an extension not in it is served as `application/octet-stream`,
 * `text/html` only ever goes out with the sandbox policy below, and SVG with one that forbids scripts.
 */
import { baseName } from "./paths";

export type PreviewKind = "image" | "text" | "json" | "csv" | "tsv" | "markdown" | "html" | "other";

/** Text previews read at most this much of a file. */
export const TEXT_PREVIEW_BYTES = 1024 * 1024;
/** Images and HTML pages larger than these are offered for download only. */
export const IMAGE_PREVIEW_MAX_BYTES = 25 * 1024 * 1024;
export const HTML_PREVIEW_MAX_BYTES = 5 * 1024 * 1024;
/** Rows of a CSV/TSV preview. */
export const TABLE_PREVIEW_ROWS = 10_000;

/**
 * An HTML artifact runs in a unique opaque origin (no `allow-same-origin`): its scripts cannot read
 * MLTrack's page, cookies or storage, and `default-src 'none'` keeps them off the network. Only
 * MLTrack's own pages may frame an artifact (the rest of the app may not be framed at all).
 */
export const HTML_CSP =
  "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline' data: blob:; style-src 'unsafe-inline' data:; img-src data: blob:; font-src data:; frame-ancestors 'self'";
/** SVG may style itself and embed data: images; scripts never run, even when opened directly. */
export const SVG_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
/** Everything else: nothing in it may run or load. */
export const INERT_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'";

interface FileKind {
  preview: PreviewKind;
  contentType: string;
  csp: string;
}

const TEXT = "text/plain; charset=utf-8";
const text = (preview: PreviewKind = "text"): FileKind => ({ preview, contentType: TEXT, csp: INERT_CSP });
const image = (contentType: string): FileKind => ({ preview: "image", contentType, csp: INERT_CSP });

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
  png: image("image/png"),
  jpg: image("image/jpeg"),
  jpeg: image("image/jpeg"),
  gif: image("image/gif"),
  webp: image("image/webp"),
  bmp: image("image/bmp"),
  svg: { preview: "image", contentType: "image/svg+xml", csp: SVG_CSP },
  json: { preview: "json", contentType: "application/json; charset=utf-8", csp: INERT_CSP },
  csv: { preview: "csv", contentType: "text/csv; charset=utf-8", csp: INERT_CSP },
  tsv: { preview: "tsv", contentType: "text/tab-separated-values; charset=utf-8", csp: INERT_CSP },
  md: text("markdown"),
  markdown: text("markdown"),
  html: { preview: "html", contentType: "text/html; charset=utf-8", csp: HTML_CSP },
  htm: { preview: "html", contentType: "text/html; charset=utf-8", csp: HTML_CSP },
  ...Object.fromEntries(
    [
      "txt",
      "log",
      "py",
      "ts",
      "tsx",
      "js",
      "jsx",
      "mjs",
      "cjs",
      "yaml",
      "yml",
      "toml",
      "sh",
      "bash",
      "cfg",
      "ini",
      "conf",
      "env",
      "r",
      "sql",
      "ipynb",
      "jsonl",
      "rst",
      "xml",
      "java",
      "go",
      "rs",
      "c",
      "h",
      "cpp",
      "hpp",
    ].map((ext) => [ext, text()]),
  ),
};

/** Files MLflow writes without an extension. */
const BY_NAME: Readonly<Record<string, FileKind>> = {
  MLmodel: text(),
  Dockerfile: text(),
  LICENSE: text(),
  Makefile: text(),
};

const BINARY: FileKind = { preview: "other", contentType: "application/octet-stream", csp: INERT_CSP };

/** `Report.HTML` -> `html`; a name without a dot, or only a leading one (`.env`), has none. */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf(".");
  return dot <= 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function kindOf(path: string): FileKind | undefined {
  return BY_NAME[baseName(path)] ?? BY_EXTENSION[extensionOf(path)];
}

/** How the UI previews a file; `other` files are still shown as text when their first bytes are text. */
export function previewKindOf(path: string): PreviewKind {
  return kindOf(path)?.preview ?? "other";
}

/** The Content-Type and Content-Security-Policy a file is served with. */
export function servedTypeOf(path: string): { contentType: string; csp: string } {
  const { contentType, csp } = kindOf(path) ?? BINARY;
  return { contentType, csp };
}

/** Git's heuristic: a NUL byte among the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8000).includes(0);
}
