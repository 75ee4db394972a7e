/**
 * Forwards one allow-listed MLflow request upstream and relays the answer. The upstream address and
 * credentials come from server config; of the request only the method, path, query, body and a few
 * content headers travel on (never cookies, Origin, Referer, Host or the caller's Authorization).
 * JSON bodies are checked and size-limited; artifact bytes stream through in both directions.
 */
import "server-only";
import { checkArtifactPath, mlflowErrorFromResponse, type Endpoint } from "mltrack-sdk/mlflow";
import { env } from "@/lib/env";
import { readBodyBytes, parseJson } from "@/lib/http/body";
import { AppError } from "@/lib/http/errors";
import type { RouteContext } from "@/lib/http/route";
import { matchRoute } from "./allow-list";

const REQUEST_HEADERS = ["content-type", "accept", "user-agent", "x-request-id"] as const;
const RESPONSE_HEADERS = [
  "content-type",
  "content-disposition",
  "content-encoding",
  "content-length",
  "cache-control",
  "etag",
  "last-modified",
  "x-content-type-options",
  "x-request-id",
  "retry-after",
] as const;
const MAX_ERROR_TEXT = 64 * 1024;

export async function forwardToMlflow({
  req,
  mlflow,
}: RouteContext<undefined, undefined, undefined>): Promise<Response> {
  const url = new URL(req.url);
  // HEAD is GET without the body, as MLflow's own server treats it.
  const match = matchRoute(req.method === "HEAD" ? "GET" : req.method, url.pathname);
  if (match.type === "not-found") {
    throw new AppError(
      "ENDPOINT_NOT_FOUND",
      `No MLflow endpoint ${req.method} ${url.pathname} is served by this gateway`,
    );
  }
  if (match.type === "wrong-method") {
    const allowed = match.allowed.join(", ");
    throw new AppError("BAD_REQUEST", `${req.method} is not allowed on ${url.pathname}; use ${allowed}`, {
      status: 405,
      headers: { allow: allowed },
    });
  }
  const { endpoint } = match.route;
  checkPathFields(endpoint, match.params, url.searchParams);

  const headers: Record<string, string> = {};
  for (const name of REQUEST_HEADERS) {
    const value = req.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const body = await forwardedBody(req, endpoint, headers);

  const upstream = await mlflow.send({
    method: req.method === "HEAD" ? "HEAD" : endpoint.method,
    path: url.pathname,
    query: url.search.slice(1),
    body,
    headers,
    signal: req.signal,
  });
  return relay(upstream);
}

function refuse(where: string, value: string, reason: string): never {
  throw new AppError(
    "INVALID_PARAMETER_VALUE",
    `Invalid artifact path in ${where} (${JSON.stringify(value.slice(0, 200))}): ${reason}`,
  );
}

function checkPath(where: string, value: string): void {
  const check = checkArtifactPath(value);
  if (!check.ok) refuse(where, value, check.reason);
}

function checkPathFields(endpoint: Endpoint, params: Record<string, string>, query: URLSearchParams): void {
  const fields = endpoint.artifactPaths;
  if (!fields) return;
  if (fields.tail) for (const value of Object.values(params)) checkPath("path", value);
  for (const name of fields.query ?? [])
    for (const value of query.getAll(name)) checkPath(`query parameter ${name}`, value);
}

/** The body to send upstream: none for GET, a stream for file bytes, else checked JSON bytes. */
async function forwardedBody(req: Request, endpoint: Endpoint, headers: Record<string, string>) {
  if (endpoint.method === "GET" || req.method === "HEAD") return null;
  const streamed = endpoint.kind === "raw" && endpoint.body === "stream";
  if (streamed) {
    const length = req.headers.get("content-length");
    if (length !== null) headers["content-length"] = length;
    return req.body;
  }
  const bytes = await readBodyBytes(req, env.MLTRACK_MAX_JSON_BODY_BYTES);
  if (bytes.byteLength === 0) return null;
  const document = jsonObject(parseJson(bytes));
  if (endpoint.artifactPaths?.body) {
    for (const name of endpoint.artifactPaths.body) {
      const value = document[name];
      if (typeof value === "string") checkPath(`body field ${name}`, value);
    }
  }
  return bytes;
}

/** A JSON object, or (as MLflow accepts from older clients) a JSON string holding one. */
function jsonObject(value: unknown): Record<string, unknown> {
  let document = value;
  if (typeof document === "string") {
    try {
      document = JSON.parse(document);
    } catch {
      // Reported below as not an object.
    }
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new AppError(
      "INVALID_PARAMETER_VALUE",
      `Request body must be a JSON object, got ${Array.isArray(document) ? "an array" : document === null ? "null" : typeof document}`,
    );
  }
  return document as Record<string, unknown>;
}

/** MLflow's answer, unchanged, except that non-JSON errors (HTML, text) are re-wrapped as MLflow JSON. */
async function relay(upstream: Response): Promise<Response> {
  const contentType = upstream.headers.get("content-type");
  if (!upstream.ok && !(contentType ?? "").includes("json")) {
    const text = (await upstream.text()).slice(0, MAX_ERROR_TEXT);
    const error = mlflowErrorFromResponse(upstream.status, contentType, text);
    return Response.json(error.toJSON(), { status: upstream.status });
  }
  const headers = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  const nullBody = upstream.status === 204 || upstream.status === 304;
  return new Response(nullBody ? null : upstream.body, { status: upstream.status, headers });
}
