/**
 * MLTrack's HTTP server: Next.js behind a guard that sees the raw request line (see raw-guard.ts),
 * bound to MLTRACK_HOST:PORT from the validated env. `tsx server.ts --dev` for development;
 * the build compiles it to dist/server.js for `node dist/server.js`.
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import next from "next";
import { CLIENT_IP_HEADER, clientIp } from "./features/auth/server/client-ip";
import { REQUEST_PATH_HEADER } from "./lib/auth-headers";
import { matchDirectRoute } from "./lib/http/direct-routes";
import { guardRawRequest } from "./lib/http/raw-guard";
import { applySecurityHeaders } from "./lib/http/security-headers";

const { env } = await import("./lib/env").catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
const { log } = await import("./lib/log");

const dev = process.argv.includes("--dev");
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.basename(here) === "dist" ? path.dirname(here) : here;

// In production Next gets the configuration its build recorded, as the standalone server Next generates
// does: the Docker image's folder carries no next.config.ts, and one way for both layouts keeps them equal.
if (!dev) {
  const recorded = path.join(dir, ".next", "required-server-files.json");
  if (!existsSync(recorded)) {
    console.error(`${recorded} is missing: build the UI first (npm run build:ui).`);
    process.exit(1);
  }
  const { config } = JSON.parse(readFileSync(recorded, "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = JSON.stringify(config);
}

const app = next({ dev, dir, hostname: env.MLTRACK_HOST, port: env.PORT, ...(dev ? { turbopack: true } : {}) });
await app.prepare();
const handle = app.getRequestHandler();

/**
 * A comparison of 500 runs is 500 run ids in the URL (~16.5 KB), and a client-side navigation sends it
 * twice (the request line and Next's router state header): past Node's 16 KB default, which answers 431.
 */
const MAX_HEADER_BYTES = 128 * 1024;

const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
  applySecurityHeaders(req, res, { dev });
  const refusal = guardRawRequest(
    req.method ?? "",
    req.url ?? "/",
    env.MLTRACK_AUTH === "local" ? req.headers.host : undefined,
  );
  if (refusal) {
    log("warn", "request refused before routing", { method: req.method?.slice(0, 20), status: refusal.status });
    res.writeHead(refusal.status, refusal.headers).end(refusal.body);
    return;
  }
  // Facts about the request that only the server knows; whatever a client sent under these names is replaced.
  const forwardedFor = req.headers["x-forwarded-for"];
  req.headers[CLIENT_IP_HEADER] = clientIp(
    req.socket.remoteAddress,
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    env.MLTRACK_TRUSTED_PROXIES,
  );
  req.headers[REQUEST_PATH_HEADER] = (req.url ?? "/").slice(0, 2048);
  const direct = matchDirectRoute(req.method ?? "", req.url ?? "/");
  if (direct) {
    direct.handler(req, res, direct.params).catch((err: unknown) => {
      log("error", "direct route failed", { error: err instanceof Error ? err.message : String(err) });
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end();
    });
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;

server.on("error", (err: NodeJS.ErrnoException) => {
  console.error(
    err.code === "EADDRINUSE"
      ? `Port ${env.PORT} on ${env.MLTRACK_HOST} is already in use: stop what holds it or set PORT.`
      : `Could not start MLTrack: ${err.message}`,
  );
  process.exit(1);
});

server.listen(env.PORT, env.MLTRACK_HOST, () => {
  const host = env.MLTRACK_HOST.includes(":") ? `[${env.MLTRACK_HOST}]` : env.MLTRACK_HOST;
  console.log(
    `MLTrack ${dev ? "(dev) " : ""}ready on http://${host}:${env.PORT} (MLflow at ${new URL(env.MLFLOW_TRACKING_URI).origin})`,
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    // Open keep-alive connections must not hold the process past a short grace period.
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
