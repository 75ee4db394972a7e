/**
 * Checks made on the raw request line, before Next.js parses it. Next resolves dot segments and
 * backslashes in the URL before any route sees them, and fails with a 500 on methods it does not
 * know (TRACE, CONNECT): here such requests get a clear 4xx instead, in MLflow's error shape on
 * gateway paths. A Host header that is not a loopback name is refused too (DNS rebinding). Runs in
 * the custom server (server.ts), outside Next's bundling.
 */
import { checkArtifactPath } from "mltrack-sdk/mlflow";

const SUPPORTED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const GATEWAY_PREFIXES = ["/api/", "/ajax-api/", "/get-artifact", "/model-versions/get-artifact"] as const;

export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function refusal(
  gateway: boolean,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Refusal {
  return gateway
    ? {
        status,
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ error_code: code, message }),
      }
    : { status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, body: `${message}\n` };
}

export function isGatewayPath(path: string): boolean {
  return GATEWAY_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * Local mode listens on loopback only, and a page on another site can still reach it by DNS
 * rebinding (its own name resolved to 127.0.0.1, so the browser treats MLTrack as that site): a
 * request naming any host but a loopback one is refused, whatever its path.
 */
export function isLoopbackHost(hostHeader: string): boolean {
  const host = hostHeader.trim().toLowerCase();
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : (host.split(":", 1)[0] ?? "");
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  // Browsers resolve *.localhost to loopback themselves (RFC 6761), so such names cannot be rebound.
  return bare === "localhost" || bare.endsWith(".localhost") || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * `host` is checked in local mode only: team mode serves any name its proxy uses (health checks
 * included), and a rebound page gains nothing there, since every route needs a session or token
 * that the rebound origin never has.
 */
export function guardRawRequest(method: string, rawUrl: string, host?: string): Refusal | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? "";
  const gateway = isGatewayPath(path);
  if (host !== undefined && !isLoopbackHost(host)) {
    return refusal(
      gateway,
      403,
      "PERMISSION_DENIED",
      `Host ${JSON.stringify(host.slice(0, 100))} is not served here: local mode answers loopback names only (127.0.0.1, localhost, [::1])`,
    );
  }
  if (!(SUPPORTED_METHODS as readonly string[]).includes(method)) {
    return refusal(gateway, 405, "BAD_REQUEST", `HTTP method ${method.slice(0, 20)} is not supported`, {
      allow: SUPPORTED_METHODS.join(", "),
    });
  }
  if (!gateway) return undefined;
  const check = checkArtifactPath(path.slice(1));
  if (!check.ok) {
    return refusal(
      true,
      400,
      "INVALID_PARAMETER_VALUE",
      `Invalid request path ${JSON.stringify(path.slice(0, 200))}: ${check.reason}`,
    );
  }
  return undefined;
}
