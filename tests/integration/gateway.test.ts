/**
 * What the gateway adds on top of plain forwarding, against a real MLflow: answers pass through
 * unchanged, the browser's Origin never reaches MLflow, an unreachable MLflow is a prompt 503, and
 * artifact bytes stream through without being held in memory.
 */
import { spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { freePort } from "../../scripts/lib/ports";
import { repoRoot, venvBin } from "../../scripts/lib/paths";
import type { UiServer } from "../../scripts/lib/ui-server";
import { startTestUi } from "../support/stack";

const mlflowUrl = inject("mlflowUrl");
const uiUrl = inject("uiUrl");

describe("answers pass through unchanged", () => {
  async function both(method: string, pathAndQuery: string, body?: unknown) {
    const init: RequestInit = { method, headers: body ? { "content-type": "application/json" } : {} };
    if (body) init.body = JSON.stringify(body);
    const [direct, gateway] = await Promise.all([
      fetch(`${mlflowUrl}${pathAndQuery}`, init),
      fetch(`${uiUrl}${pathAndQuery}`, init),
    ]);
    return {
      direct: { status: direct.status, type: direct.headers.get("content-type"), body: await direct.text() },
      gateway: { status: gateway.status, type: gateway.headers.get("content-type"), body: await gateway.text() },
    };
  }

  it("relays MLflow's successes and errors byte for byte", async () => {
    const name = `passthrough-${randomUUID().slice(0, 8)}`;
    const created = await fetch(`${mlflowUrl}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    const { experiment_id: experimentId } = (await created.json()) as { experiment_id: string };
    for (const [method, url, body] of [
      ["GET", `/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`],
      ["POST", "/api/2.0/mlflow/runs/search", { experiment_ids: [experimentId] }],
      ["GET", "/api/2.0/mlflow/runs/get?run_id=0123456789abcdef"],
      ["GET", `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(`${name}-missing`)}`],
      ["GET", "/api/2.0/mlflow/experiments/get?experiment_id=not-a-number"],
      ["POST", "/api/2.0/mlflow/runs/search", { experiment_ids: [experimentId], max_results: 60_000 }],
    ] as const) {
      const { direct, gateway } = await both(method, url, body);
      expect(gateway, `${method} ${url}`).toEqual(direct);
    }
  });

  it("refuses a cross-site write as MLflow's own security middleware does, and serves MLTrack's own pages", async () => {
    const init = (origin: string) => ({
      method: "POST",
      headers: { "content-type": "application/json", origin, cookie: "session=abc" },
      body: JSON.stringify({ max_results: 1 }),
    });
    const uiOrigin = new URL(uiUrl).origin;
    const foreign = "https://elsewhere.example";
    expect((await fetch(`${mlflowUrl}/api/2.0/mlflow/experiments/search`, init(foreign))).status).toBe(403);
    // Another site's page: MLTrack refuses it before anything is forwarded, in MLflow's error shape.
    const crossSite = await fetch(`${uiUrl}/api/2.0/mlflow/experiments/search`, init(foreign));
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error_code: "PERMISSION_DENIED" });
    // MLTrack's own page (its Origin is MLTrack's, not MLflow's) is served.
    expect((await fetch(`${uiUrl}/api/2.0/mlflow/experiments/search`, init(uiOrigin))).status).toBe(200);
  });
});

describe("when MLflow is unreachable", () => {
  let refusedUi: UiServer;
  let droppedUi: UiServer;
  let blackhole: ReturnType<typeof spawn>;

  beforeAll(async () => {
    blackhole = spawn(venvBin("python"), [path.join(repoRoot, "tests/support/blackhole.py")], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const droppedPort = await new Promise<number>((resolve) =>
      blackhole.stdout?.once("data", (d: Buffer) => resolve(Number(d.toString().trim()))),
    );
    [refusedUi, droppedUi] = await Promise.all([
      startTestUi(`http://127.0.0.1:${await freePort()}`),
      startTestUi(`http://127.0.0.1:${droppedPort}`),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled([refusedUi?.stop(), droppedUi?.stop()]);
    blackhole?.stdin?.end();
    blackhole?.kill();
  });

  // The connect timeout is 1.5 s: the bound only tells it apart from Node's 10 s default.
  it.each([
    ["refuses connections", () => refusedUi],
    ["drops packets", () => droppedUi],
  ])("answers 503 TEMPORARILY_UNAVAILABLE promptly when the host %s", async (_case, ui) => {
    const started = performance.now();
    const res = await fetch(`${ui().url}/api/2.0/mlflow/runs/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ experiment_ids: ["0"] }),
    });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      error_code: "TEMPORARILY_UNAVAILABLE",
      message: expect.stringContaining("Could not reach MLflow"),
    });
    expect(elapsed).toBeLessThan(5_000);

    const status = await (await fetch(`${ui().url}/api/status`)).json();
    expect(status).toMatchObject({ reachable: false, version: null });
    const experiments = await fetch(`${ui().url}/api/experiments`);
    expect(experiments.status).toBe(503);
    expect(await experiments.json()).toEqual({
      error: { code: "TEMPORARILY_UNAVAILABLE", message: expect.any(String) },
    });
  });
});

describe("artifact streaming", () => {
  const MiB = 1024 * 1024;
  const SIZE = 256 * MiB;
  const uiPid = inject("uiPid");

  function memory(field: "VmRSS" | "VmHWM"): number {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${uiPid}/status`, "utf8"));
    return Number(match?.[1]) * 1024;
  }

  /** SIZE of deterministic bytes, produced as they are sent, with their hash. */
  function payload(): { stream: ReadableStream<Uint8Array>; digest: Promise<string> } {
    const hash = createHash("sha256");
    let sent = 0;
    let done: (hex: string) => void = () => {};
    const digest = new Promise<string>((resolve) => (done = resolve));
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= SIZE) {
          done(hash.digest("hex"));
          controller.close();
          return;
        }
        const chunk = new Uint8Array(MiB).fill(sent / MiB);
        hash.update(chunk);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, digest };
  }

  it("uploads and downloads 256 MiB through the gateway without holding it in memory", async () => {
    const mlflow = new MlflowClient({ trackingUri: uiUrl, auth: null });
    const experimentId = await mlflow.experiments.create({ name: `stream-${randomUUID().slice(0, 8)}` });
    const run = await mlflow.runs.create({ experimentId });

    // Reset the UI process's peak RSS, so that the peak below is what this transfer cost.
    writeFileSync(`/proc/${uiPid}/clear_refs`, "5");
    const before = memory("VmRSS");

    const upload = payload();
    await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path: "big/model.bin", body: upload.stream });
    const res = await mlflow.downloadArtifact({ runId: run.info.runId, path: "big/model.bin" });
    const hash = createHash("sha256");
    let received = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      received += chunk.byteLength;
    }
    expect(received).toBe(SIZE);
    expect(hash.digest("hex")).toBe(await upload.digest);

    const listing = await mlflow.artifacts.list({ runId: run.info.runId, path: "big" });
    expect(listing.items).toEqual([{ path: "big/model.bin", isDir: false, fileSize: SIZE }]);
    // Holding the file whole in either direction raises the peak by at least its size. Streamed, the
    // peak is chunks awaiting garbage collection plus the other suites' traffic through the same
    // process, which does not grow with the file: 20-120 MiB seen here. The file is large enough that
    // this noise stays well under the bound.
    expect(memory("VmHWM") - before).toBeLessThan(SIZE * 0.75);
  });
});
