import { describe, expect, it } from "vitest";
import { refuseCrossSite } from "./cross-origin";

const req = (method: string, headers: Record<string, string>) => ({ method, headers: new Headers(headers) });
const HOST = { host: "127.0.0.1:3000" };

describe("refuseCrossSite", () => {
  it.each([
    ["a read from another site", "GET", { ...HOST, "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["a preflight", "OPTIONS", { ...HOST, "sec-fetch-site": "cross-site" }],
    [
      "a mutation from MLTrack's own page",
      "POST",
      { ...HOST, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" },
    ],
    ["a request the user started", "POST", { ...HOST, "sec-fetch-site": "none" }],
    ["an older browser's same-origin mutation (Origin only)", "DELETE", { ...HOST, origin: "http://127.0.0.1:3000" }],
    ["a client that is not a browser (MLflow's, the SDK, curl)", "POST", HOST],
  ])("lets through %s", (_, method, headers) => {
    expect(() => refuseCrossSite(req(method, headers))).not.toThrow();
  });

  it.each([
    [
      "a form posted from another site",
      "POST",
      { ...HOST, "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      "cross-site",
    ],
    ["a sibling subdomain", "PATCH", { ...HOST, "sec-fetch-site": "same-site" }, "same-site"],
    ["an Origin naming another host", "POST", { ...HOST, origin: "https://evil.example" }, "https://evil.example"],
    ["another port on the same machine", "DELETE", { ...HOST, origin: "http://127.0.0.1:8080" }, "127.0.0.1:8080"],
    ["an opaque origin (a sandboxed frame)", "POST", { ...HOST, origin: "null" }, "null"],
  ])("refuses %s with a 403 that says why", (_, method, headers, named) => {
    let error: unknown;
    try {
      refuseCrossSite(req(method, headers));
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ status: 403, code: "PERMISSION_DENIED" });
    expect((error as Error).message).toMatch(/^Cross-site request refused: /);
    expect((error as Error).message).toContain(named);
  });
});
