/**
 * The shape of an endpoint entry and the helpers the per-area tables share. Each entry: method, path,
 * zod request (domain camelCase in, wire snake_case out) and response (wire in, domain out), and
 * whether a retry is safe. The typed client is generated from the tables; the gateway's allow-list
 * is read off them.
 */
import { z } from "zod";
import type { Page } from "../types";
import { EntityKey, MaxResults, OrderBy, TagValue } from "../validation";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * `safe`: repeating the request leaves the same state (reads, set-tag, log-batch), so it is retried
 * on network errors, 429 and 5xx. `unsafe`: a repeat could duplicate or fail (runs/create), so it is
 * retried only when the request provably never ran (connection refused, 429).
 */
export type RetryPolicy = "safe" | "unsafe";

/** Where a request carries artifact paths, which the gateway checks before forwarding. */
export interface ArtifactPathFields {
  query?: readonly string[];
  body?: readonly string[];
  /** The path template's trailing `{artifact_path+}`. */
  tail?: boolean;
}

export interface JsonEndpoint<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: "json";
  readonly method: HttpMethod;
  /** Absolute path; `{name}` is one segment filled from the wire request, `{name+}` the rest. */
  readonly path: string;
  readonly request: Req;
  readonly response: Res;
  readonly retry: RetryPolicy;
  readonly artifactPaths?: ArtifactPathFields;
  /** Served by MLflow for older clients; MLTrack itself does not write through it. */
  readonly deprecated?: true;
  /** The response is a `Page` and the request takes `pageToken`: the client adds `<name>All`. */
  readonly paged?: true;
}

/** Endpoints whose response is bytes or text, streamed rather than parsed. */
export interface RawEndpoint {
  readonly kind: "raw";
  readonly method: HttpMethod;
  readonly path: string;
  readonly retry: RetryPolicy;
  readonly artifactPaths?: ArtifactPathFields;
  /** The request body: file bytes to stream through, or a small JSON document. Default none. */
  readonly body?: "stream" | "json";
}

export type Endpoint = JsonEndpoint | RawEndpoint;

export const json = <const S extends Omit<JsonEndpoint, "kind">>(spec: S): S & { readonly kind: "json" } => ({
  kind: "json",
  ...spec,
});

export const raw = (spec: Omit<RawEndpoint, "kind">): RawEndpoint => ({ kind: "raw", ...spec });

export const API = "/api/2.0/mlflow";
export const API3 = "/api/3.0/mlflow";
export const AJAX = "/ajax-api/2.0/mlflow";
export const ARTIFACTS = "/api/2.0/mlflow-artifacts";

export const Empty = z.object({}).transform((): void => undefined);
export const TagMap = z.record(z.string(), z.string());
export const TagInput = z.record(EntityKey, TagValue);

export function page<T extends z.ZodType, U>(key: string, item: T, map: (wire: z.output<T>) => U) {
  return z
    .object({ [key]: z.array(item).optional(), next_page_token: z.string().optional() })
    .transform((r): Page<U> => {
      const items = ((r[key] ?? []) as z.output<T>[]).map(map);
      const token = r.next_page_token as string | undefined;
      return token ? { items, nextPageToken: token } : { items };
    });
}

export const SearchOptions = {
  filter: z.string().optional(),
  orderBy: OrderBy.optional(),
  maxResults: MaxResults.optional(),
  pageToken: z.string().optional(),
};
