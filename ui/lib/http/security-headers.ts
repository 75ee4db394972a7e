/**
 * Security headers on every response, added by the custom server (server.ts) so that pages, route
 * handlers, direct routes and refusals all carry them:
 * - a Content-Security-Policy whose scripts run only by a per-request nonce (no 'unsafe-inline'
 *   scripts): Next reads the nonce from the request's CSP header and puts it on its own scripts, and
 *   the root layout hands it to the one inline script MLTrack adds (next-themes');
 * - frame-ancestors 'none', nosniff, a same-origin referrer policy, a closed Permissions-Policy and
 *   COOP. A response that sets a header itself keeps its own value (an artifact's sandbox CSP).
 *
 * No imports beyond Node's: server.ts loads this outside Next's bundling.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";

/** The request header carrying this request's nonce to the root layout. */
export const NONCE_HEADER = "x-mltrack-nonce";

export function contentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': chunks a nonce'd script loads may run; dev's React needs eval for its stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React and Recharts set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    // HTML artifacts are previewed in a sandboxed frame from this origin.
    "frame-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
};

/**
 * Gives the request its nonce and policy (whatever the client sent under those names is replaced)
 * and fills in every security header the response has not set by the time its head is written.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { dev: boolean }): void {
  const nonce = randomBytes(16).toString("base64");
  const csp = contentSecurityPolicy(nonce, options);
  req.headers["content-security-policy"] = csp;
  delete req.headers["content-security-policy-report-only"];
  req.headers[NONCE_HEADER] = nonce;
  const defaults: Record<string, string> = { "content-security-policy": csp, ...SECURITY_HEADERS };

  const writeHead = res.writeHead;
  // Node's implicit head (a first write or end) goes through writeHead too.
  res.writeHead = function writeHeadWithDefaults(this: ServerResponse, ...args: unknown[]) {
    const given = headersArgument(args);
    for (const [name, value] of Object.entries(defaults)) {
      if (!this.hasHeader(name) && !given.has(name)) this.setHeader(name, value);
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

/** Lower-cased names of the headers passed to `writeHead(status, [message,] headers)`. */
function headersArgument(args: readonly unknown[]): Set<string> {
  const headers = args.find((a, i) => i > 0 && typeof a === "object" && a !== null) as
    OutgoingHttpHeaders | readonly string[] | undefined;
  if (!headers) return new Set();
  if (Array.isArray(headers)) {
    // The raw form: [name, value, name, value, ...].
    return new Set(headers.filter((_, i) => i % 2 === 0).map((n) => String(n).toLowerCase()));
  }
  return new Set(Object.keys(headers).map((n) => n.toLowerCase()));
}
