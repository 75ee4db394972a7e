/**
 * The typed MLflow client. Its methods are generated from `endpoints.ts`: each validates its input
 * (failing fast with the field named), sends through `http.ts`, and returns domain types.
 */
import type { z } from "zod";
import { checkArtifactPath } from "./artifact-path";
import { describeConfig, resolveConfig, type MlflowClientOptions, type ResolvedConfig } from "./config";
import { endpoints, type Endpoints, type JsonEndpoint, type RawEndpoint } from "./endpoints";
import {
  MlflowBadRequestError,
  MlflowConnectionError,
  MlflowError,
  MlflowResponseError,
  MlflowTimeoutError,
  mlflowErrorFromResponse,
} from "./errors";
import { requestJson, send, type HttpRequest, type RequestBody } from "./http";
import { paginate } from "./paginate";
import type { Page } from "./types";

export interface CallOptions {
  signal?: AbortSignal;
}

type PageItem<P> = P extends Page<infer T> ? T : never;

type JsonMethods<G> = {
  [K in keyof G as G[K] extends JsonEndpoint ? K : never]: G[K] extends JsonEndpoint<infer Req, infer Res>
    ? (input: z.input<Req>, options?: CallOptions) => Promise<z.output<Res>>
    : never;
};

/** `searchAll` next to every paginated `search`: an async iterable over all pages. */
type PagedMethods<G> = {
  [K in keyof G as G[K] extends { paged: true } ? `${K & string}All` : never]: G[K] extends JsonEndpoint<
    infer Req,
    infer Res
  >
    ? (input: Omit<z.input<Req>, "pageToken">, options?: CallOptions) => AsyncGenerator<PageItem<z.output<Res>>>
    : never;
};

export type EndpointGroup<G> = JsonMethods<G> & PagedMethods<G>;

type GeneratedApi = { [G in keyof Endpoints]: EndpointGroup<Endpoints[G]> };

/** Groups of per-user grants on one kind of resource (`experimentPermissions`, ...). */
const GRANT_GROUPS = ["experimentPermissions", "registeredModelPermissions"] as const;
type GrantGroup = (typeof GRANT_GROUPS)[number];

/**
 * `update` on each grant group. MLflow 3.18 has no route a resource's MANAGE holder may call to change
 * a grant in place, so it is the two calls MLflow offers: revoke, then grant. Not atomic: if the grant
 * fails, the user is left on the server's `default_permission` (the error says why).
 */
type GrantUpdates = {
  [G in GrantGroup]: {
    update(input: z.input<Endpoints[G]["create"]["request"]>, options?: CallOptions): Promise<void>;
  };
};

export interface RawRequestOptions extends CallOptions {
  pathParams?: Record<string, string>;
  query?: Record<string, string | undefined>;
  body?: RequestBody | null;
  headers?: Record<string, string>;
}

class MlflowClientImpl {
  readonly config: ResolvedConfig;

  constructor(options: MlflowClientOptions = {}) {
    this.config = resolveConfig(options);
    for (const [groupName, group] of Object.entries(endpoints)) {
      const methods: Record<string, unknown> = {};
      for (const [name, endpoint] of Object.entries(group)) {
        if (endpoint.kind !== "json") continue;
        const ep = endpoint as JsonEndpoint;
        methods[name] = (input: unknown, options?: CallOptions) => this.call(ep, input, options);
        if (ep.paged) {
          methods[`${name}All`] = (input: Record<string, unknown>, options?: CallOptions) =>
            paginate((pageToken) => this.call(ep, { ...input, pageToken }, options) as Promise<Page<unknown>>);
        }
      }
      (this as unknown as Record<string, unknown>)[groupName] = methods;
    }
    for (const groupName of GRANT_GROUPS) {
      const group = endpoints[groupName];
      const methods = (this as unknown as Record<GrantGroup, Record<string, unknown>>)[groupName];
      methods.update = async (input: z.input<typeof group.create.request>, options?: CallOptions) => {
        await this.call(group.delete, input, options);
        await this.call(group.create, input, options);
      };
    }
  }

  /** Calls one endpoint of the spec table. */
  async call<E extends JsonEndpoint>(
    endpoint: E,
    input: z.input<E["request"]>,
    options: CallOptions = {},
  ): Promise<z.output<E["response"]>> {
    const name = endpointName(endpoint);
    const parsed = endpoint.request.safeParse(input);
    if (!parsed.success) {
      throw new MlflowBadRequestError({
        errorCode: "INVALID_PARAMETER_VALUE",
        httpStatus: 400,
        message: `Invalid ${name} request: ${describeIssues(parsed.error)}`,
        endpoint: name,
        cause: parsed.error,
      });
    }
    const wire = { ...(parsed.data as Record<string, unknown>) };
    const path = fillPath(endpoint.path, wire);
    const isGet = endpoint.method === "GET";
    const body = await requestJson(this.config, {
      method: endpoint.method,
      path,
      ...(isGet ? { query: toQuery(wire) } : { json: dropUndefined(wire) }),
      retry: endpoint.retry,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const result = endpoint.response.safeParse(body);
    if (!result.success) {
      throw new MlflowResponseError({
        message: `Unexpected ${name} response from MLflow: ${describeIssues(result.error)}`,
        endpoint: name,
        cause: result.error,
      });
    }
    return result.data as z.output<E["response"]>;
  }

  /** One attempt at a raw endpoint (bytes, streams). Throws `MlflowError` on non-2xx; the body is the caller's. */
  async raw(endpoint: RawEndpoint, options: RawRequestOptions = {}): Promise<Response> {
    const pathParams: Record<string, unknown> = { ...options.pathParams };
    const path = fillPath(endpoint.path, pathParams);
    for (const [field, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined && endpoint.artifactPaths?.query?.includes(field)) assertArtifactPath(value);
    }
    if (endpoint.artifactPaths?.tail) {
      for (const value of Object.values(options.pathParams ?? {})) assertArtifactPath(value);
    }
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query ?? {})) if (value !== undefined) query.append(key, value);
    return this.sendChecked({
      method: endpoint.method,
      path,
      query,
      body: options.body ?? null,
      headers: options.headers ?? {},
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  /**
   * A single attempt with the client's credentials, for the gateway: no retries (the caller's client
   * retries), no body parsing, and the timeout covers only the wait for response headers.
   */
  async send(req: HttpRequest): Promise<Response> {
    const endpoint = `${req.method} ${req.path}`;
    const headersTimeout = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const armTimer = () => {
      timer = setTimeout(() => headersTimeout.abort(), this.config.timeoutMs);
    };
    let body = req.body;
    if (body instanceof ReadableStream) {
      // A streamed upload may take long to send; the wait for MLflow's answer starts once it is sent.
      body = body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({ flush: armTimer }));
    } else {
      armTimer();
    }
    const signal = req.signal ? AbortSignal.any([req.signal, headersTimeout.signal]) : headersTimeout.signal;
    try {
      return await send(this.config, { ...req, body, signal });
    } catch (err) {
      if (req.signal?.aborted) throw req.signal.reason;
      if (headersTimeout.signal.aborted) {
        throw new MlflowTimeoutError({
          message: `${endpoint} got no answer within ${this.config.timeoutMs} ms`,
          endpoint,
          cause: err,
        });
      }
      throw new MlflowConnectionError({
        message: `Could not reach MLflow at ${this.config.baseUrl}`,
        endpoint,
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async sendChecked(req: HttpRequest): Promise<Response> {
    const res = await this.send(req);
    if (res.ok) return res;
    const text = await res.text();
    throw mlflowErrorFromResponse(res.status, res.headers.get("content-type"), text, {
      endpoint: `${req.method} ${req.path}`,
    });
  }

  /** Bytes of a run's artifact (`/get-artifact`), streamed. */
  downloadArtifact(input: { runId: string; path: string }, options: CallOptions = {}): Promise<Response> {
    return this.raw(endpoints.artifacts.download, { ...options, query: { run_uuid: input.runId, path: input.path } });
  }

  /** Uploads one file under a run's (or logged model's) `mlflow-artifacts:` URI through the artifact proxy. */
  async uploadArtifact(
    input: { artifactUri: string; path: string; body: RequestBody; contentType?: string },
    options: CallOptions = {},
  ): Promise<void> {
    assertArtifactPath(input.path);
    const root = proxyPathOf(input.artifactUri);
    const res = await this.raw(endpoints.artifactProxy.upload, {
      ...options,
      pathParams: { artifact_path: `${root}/${input.path}` },
      body: input.body,
      headers: { "content-type": input.contentType ?? "application/octet-stream" },
    });
    await res.body?.cancel();
  }

  /** True when `GET /health` answers 200 within the timeout. */
  async health(options: CallOptions = {}): Promise<boolean> {
    try {
      const res = await this.raw(endpoints.server.health, options);
      await res.body?.cancel();
      return true;
    } catch (err) {
      if (err instanceof MlflowError) return false;
      throw err;
    }
  }

  /** The server's MLflow version (`GET /version`). */
  async version(options: CallOptions = {}): Promise<string> {
    const res = await this.raw(endpoints.server.version, options);
    return (await res.text()).trim();
  }

  toJSON(): Record<string, unknown> {
    return describeConfig(this.config);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `MlflowClient ${JSON.stringify(describeConfig(this.config))}`;
  }
}

/** The client: the helpers above plus one method per endpoint of the spec table (`client.runs.search`). */
export type MlflowClient = MlflowClientImpl & GeneratedApi & GrantUpdates;
export const MlflowClient = MlflowClientImpl as new (options?: MlflowClientOptions) => MlflowClient;

const endpointNames = new Map<object, string>();
for (const [group, members] of Object.entries(endpoints)) {
  for (const [name, endpoint] of Object.entries(members)) endpointNames.set(endpoint, `${group}.${name}`);
}

function endpointName(endpoint: JsonEndpoint | RawEndpoint): string {
  return endpointNames.get(endpoint) ?? `${endpoint.method} ${endpoint.path}`;
}

/**
 * Fills `{name}` (one encoded segment) and `{name+}` (encoded segments) from `params`. The values stay
 * in the request too: MLflow's handlers read `model_id` from the body as well, as its client sends it.
 */
export function fillPath(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)(\+?)\}/g, (_, key: string, rest: string) => {
    const value = params[key];
    if (typeof value !== "string" || value === "") throw new TypeError(`Missing path parameter ${key} for ${template}`);
    return rest ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
}

/** GET parameters as MLflow reads them: repeated keys for arrays, `true`/`false` for booleans. */
export function toQuery(wire: Record<string, unknown>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(wire)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (typeof item === "object") throw new TypeError(`GET parameter ${key} cannot be an object`);
      query.append(key, String(item));
    }
  }
  return query;
}

function dropUndefined(wire: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(wire).filter(([, v]) => v !== undefined));
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

function assertArtifactPath(path: string): void {
  const check = checkArtifactPath(path);
  if (!check.ok) {
    throw new MlflowBadRequestError({
      errorCode: "INVALID_PARAMETER_VALUE",
      httpStatus: 400,
      message: `Invalid artifact path ${JSON.stringify(path)}: ${check.reason}`,
    });
  }
}

/** `mlflow-artifacts:/1/abc/artifacts` (or with a host) -> `1/abc/artifacts`. */
export function proxyPathOf(artifactUri: string): string {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(artifactUri);
  if (!match) {
    throw new MlflowBadRequestError({
      errorCode: "INVALID_PARAMETER_VALUE",
      httpStatus: 400,
      message: `Artifact URI ${JSON.stringify(artifactUri)} is not served by MLflow's artifact proxy (mlflow-artifacts:/...); start the server with --serve-artifacts.`,
    });
  }
  return (match[1] ?? "").replace(/\/+$/, "");
}
