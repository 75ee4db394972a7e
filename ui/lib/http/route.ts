/**
 * The one wrapper every route handler goes through: it refuses cross-site mutations, authenticates
 * the request, awaits and parses params, query and body with zod, runs the handler with the
 * session's MLflow client, validates the response outside production, and maps every error in one
 * place.
 */
import "server-only";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { describeIssues, type MlflowClient } from "mltrack-sdk/mlflow";
import type { Role } from "@/features/auth/roles";
import { authenticate, roleFor, type Permission, type Session } from "../auth";
import { env } from "../env";
import { mlflowFor } from "../mlflow";
import { readJsonBody } from "./body";
import { refuseCrossSite } from "./cross-origin";
import { AppError, toErrorResponse, type ErrorFormat } from "./errors";

export interface RouteContext<P, Q, B> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
  session: Session;
  mlflow: MlflowClient;
}

export interface RouteConfig<P, Q, B, R> {
  /** Default "app"; the MLflow gateway answers in MLflow's error shape. */
  errorFormat?: ErrorFormat;
  /** What the request needs on its resource; default READ. MLflow checks it per resource, as the user. */
  permission?: Permission | ((req: NextRequest) => Permission);
  /** The MLTrack role the route needs; default viewer to read, editor to change (`roleFor`). */
  role?: Role;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  response?: z.ZodType<R>;
  handler: (ctx: RouteContext<P, Q, B>) => Promise<R | Response> | R | Response;
}

type RouteSegment = { params?: Promise<Record<string, string | string[] | undefined>> };

const validateResponses = process.env.NODE_ENV !== "production";

export function withRoute<P = undefined, Q = undefined, B = undefined, R = unknown>(config: RouteConfig<P, Q, B, R>) {
  const format = config.errorFormat ?? "app";
  return async function route(req: NextRequest, segment?: RouteSegment): Promise<Response> {
    try {
      refuseCrossSite(req);
      const permission =
        typeof config.permission === "function" ? config.permission(req) : (config.permission ?? "READ");
      const session = await authenticate(req, config.role ?? roleFor(permission));
      const params = config.params
        ? parse(config.params, (await segment?.params) ?? {}, "path parameters")
        : (undefined as P);
      const query = config.query
        ? parse(config.query, searchParamsObject(req.nextUrl.searchParams), "query")
        : (undefined as Q);
      const body = config.body
        ? parse(config.body, await readJsonBody(req, env.MLTRACK_MAX_JSON_BODY_BYTES), "body")
        : (undefined as B);
      const result = await config.handler({ req, params, query, body, session, mlflow: mlflowFor(session) });
      if (result instanceof Response) return result;
      if (config.response && validateResponses) {
        const checked = config.response.safeParse(result);
        if (!checked.success)
          throw new Error(
            `Response of ${req.nextUrl.pathname} does not match its schema: ${describeIssues(checked.error)}`,
          );
      }
      return Response.json(result ?? null);
    } catch (err) {
      return toErrorResponse(err, format, { method: req.method, path: req.nextUrl.pathname });
    }
  };
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, part: string): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new AppError("INVALID_PARAMETER_VALUE", `Invalid ${part}: ${describeIssues(result.error)}`);
  return result.data;
}

/** One value per key, an array where a key repeats (as MLflow reads repeated GET parameters). */
export function searchParamsObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}
