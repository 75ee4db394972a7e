import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { DeployError } from "./errors";
import { invokeScoringServer, waitForPing } from "./scoring";

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A local HTTP server standing in for the scoring server's routes (its contract, not MLflow's code). */
function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  return new Promise((resolve) =>
    server?.listen(0, "127.0.0.1", () => {
      const address = server?.address();
      resolve(`http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    }),
  );
}

describe("waitForPing", () => {
  it("resolves ready once /ping answers 200", async () => {
    let calls = 0;
    const url = await listen((req, res) => {
      calls++;
      res.statusCode = req.url === "/ping" && calls >= 3 ? 200 : 503;
      res.end("\n");
    });
    await expect(waitForPing(url, { timeoutMs: 10_000, intervalMs: 10 })).resolves.toBe("ready");
    expect(calls).toBe(3);
  });

  it("resolves dead when the process is gone, and throws a DeployError at the deadline", async () => {
    const url = await listen((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    await expect(waitForPing(url, { timeoutMs: 10_000, intervalMs: 10, alive: () => false })).resolves.toBe("dead");
    await expect(waitForPing(url, { timeoutMs: 0, intervalMs: 10 })).rejects.toBeInstanceOf(DeployError);
  });
});

describe("invokeScoringServer", () => {
  it("posts the body unchanged with its content type and returns status, type and body", async () => {
    const url = await listen((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        res.statusCode = req.headers["content-type"] === "text/csv" ? 200 : 400;
        res.end(JSON.stringify({ path: req.url, echo: body }));
      });
    });
    const res = await invokeScoringServer(url, { body: "a,b\n1,2\n", contentType: "text/csv" });
    expect(res).toEqual({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ path: "/invocations", echo: "a,b\n1,2\n" }),
    });
  });

  it("says where it could not connect", async () => {
    await expect(
      invokeScoringServer("http://127.0.0.1:1", { body: "{}", contentType: "application/json" }),
    ).rejects.toThrow(/Could not reach the scoring server at http:\/\/127.0.0.1:1\/invocations/);
  });
});
