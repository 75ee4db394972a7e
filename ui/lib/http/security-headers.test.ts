/** The security headers on a real Node server wired like server.ts. */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applySecurityHeaders, contentSecurityPolicy, NONCE_HEADER, SECURITY_HEADERS } from "./security-headers";

let server: Server;
let base: string;
const seen: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    applySecurityHeaders(req, res, { dev: false });
    seen.push({ ...req.headers });
    if (req.url === "/own-csp") {
      res.setHeader("content-security-policy", "sandbox; default-src 'none'");
      res.end("artifact");
    } else if (req.url === "/write-head") {
      res.writeHead(200, { "Content-Security-Policy": "default-src 'none'", "Referrer-Policy": "no-referrer" });
      res.end("direct");
    } else {
      res.write("page");
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("security headers", () => {
  it("are on every response, with a nonce-only script policy that changes per request", async () => {
    const first = await fetch(`${base}/experiments`);
    const second = await fetch(`${base}/experiments`);
    for (const res of [first, second]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(res.headers.get(name)).toBe(value);
    }
    const csp = first.headers.get("content-security-policy") ?? "";
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src ")) ?? "";
    expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
  });

  it("give the request the same nonce and policy, replacing what the client sent under those names", async () => {
    const res = await fetch(`${base}/experiments`, {
      headers: {
        "content-security-policy": "script-src 'nonce-chosen-by-the-client'",
        "content-security-policy-report-only": "script-src 'nonce-also-chosen'",
        [NONCE_HEADER]: "chosen-by-the-client",
      },
    });
    const request = seen.at(-1) ?? {};
    const nonce = request[NONCE_HEADER] as string;
    expect(nonce).not.toBe("chosen-by-the-client");
    expect(request["content-security-policy"]).toBe(contentSecurityPolicy(nonce, { dev: false }));
    expect(request["content-security-policy-report-only"]).toBeUndefined();
    expect(res.headers.get("content-security-policy")).toBe(request["content-security-policy"]);
  });

  it("leave a header the response sets itself alone (an artifact's sandbox policy)", async () => {
    const own = await fetch(`${base}/own-csp`);
    expect(own.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(own.headers.get("x-content-type-options")).toBe("nosniff");
    const direct = await fetch(`${base}/write-head`);
    expect(direct.headers.get("content-security-policy")).toBe("default-src 'none'");
    expect(direct.headers.get("referrer-policy")).toBe("no-referrer");
    expect(direct.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  });

  it("allow eval and the dev server's socket in development only", () => {
    expect(contentSecurityPolicy("n", { dev: true })).toMatch(/script-src [^;]*'unsafe-eval'/);
    expect(contentSecurityPolicy("n", { dev: true })).toMatch(/connect-src 'self' ws: wss:/);
    expect(contentSecurityPolicy("n", { dev: false })).not.toMatch(/unsafe-eval|ws:/);
  });
});
