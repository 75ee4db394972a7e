/**
 * Checks made on the raw request line, before Next.js parses it. Next resolves dot segments and
 * backslashes in the URL before any route sees them, and fails with a 500 on methods it does not
 * know (TRACE, CONNECT): here such requests get a clear 4xx instead, in MLflow's error shape on
 * gateway paths. Runs in the custom server (server.ts), outside Next's bundling.
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

export function guardRawRequest(method: string, rawUrl: string): Refusal | undefined {
  const path = rawUrl.split(/[?#]/, 1)[0] ?? "";
  const gateway = isGatewayPath(path);
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
