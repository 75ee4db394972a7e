import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { ModalConfig, type Deployment, type TargetContext } from "../types";
import { createModalTarget, modalRuntime } from "./modal";

const deployment = (over: Partial<Deployment> = {}): Deployment => ({
  id: "d-0123456789ab",
  target: "modal",
  modelName: "iris",
  modelVersion: "3",
  config: {},
  status: "pending",
  endpointUrl: null,
  createdAt: 0,
  updatedAt: 0,
  requestedBy: "test",
  lastError: null,
  events: [],
  requestKey: "k",
  runtime: {},
  ...over,
});

describe("the Modal target before anything runs", () => {
  let tmp: string;
  let marker: string;
  let fakeCli: string;
  beforeEach(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "mltrack-modal-target-"));
    marker = path.join(tmp, "ran");
    // A stand-in for the CLI that only records that it was run: these tests prove it is NOT run.
    fakeCli = path.join(tmp, "modal");
    await writeFile(fakeCli, `#!/bin/sh\necho "$@" > "${marker}"\n`);
    await chmod(fakeCli, 0o755);
  });
  afterEach(() => rm(tmp, { recursive: true, force: true }));

  const context = (updates: unknown[]): TargetContext => ({
    workDir: path.join(tmp, "d-0123456789ab"),
    signal: new AbortController().signal,
    modelDir: () => Promise.reject(new Error("must not download")),
    update: (change) => {
      updates.push(change);
      return Promise.resolve();
    },
  });

  it.each([
    [{}, "MODAL_TOKEN_ID and MODAL_TOKEN_SECRET"],
    [{ MODAL_TOKEN_ID: "ak-1" }, "MODAL_TOKEN_SECRET"],
    [{ MODAL_TOKEN_SECRET: "as-1", MODAL_TOKEN_ID: "  " }, "MODAL_TOKEN_ID"],
  ])("preflight refuses without the token pair in the server env (%j)", async (env, missing) => {
    const target = createModalTarget({ modalCommand: fakeCli, env });
    const err = (await target.preflight?.(deployment(), ModalConfig.parse({})).catch((e: unknown) => e)) as DeployError;
    expect(err).toBeInstanceOf(DeployError);
    expect(err.code).toBe("UNAUTHENTICATED");
    expect(err.message).toContain(`${missing} ${missing.includes(" and ") ? "are" : "is"} not set`);
    expect(err.hint).toMatch(/MODAL_TOKEN_ID and MODAL_TOKEN_SECRET/);
    expect(err.hint).toMatch(/modal\.com\/settings\/tokens|modal token new/);
    expect(existsSync(marker)).toBe(false);
  });

  it("start refuses without tokens before any state change", async () => {
    const updates: unknown[] = [];
    const target = createModalTarget({ modalCommand: fakeCli, env: {} });
    await expect(target.start(deployment(), ModalConfig.parse({}), context(updates))).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(updates).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  it("preflight rejects an invalid configured app name as a field error", async () => {
    const target = createModalTarget({
      modalCommand: fakeCli,
      env: { MODAL_TOKEN_ID: "ak-1", MODAL_TOKEN_SECRET: "as-1" },
    });
    const config = { ...ModalConfig.parse({}), appName: "bad name; rm -rf /" };
    const err = (await target.preflight?.(deployment(), config).catch((e: unknown) => e)) as DeployError;
    expect(err.code).toBe("INVALID_PARAMETER_VALUE");
    expect(err.fields).toHaveProperty(["config.appName"]);
    expect(existsSync(marker)).toBe(false);
  });

  it("preflight names a missing Modal CLI", async () => {
    const target = createModalTarget({
      modalCommand: path.join(tmp, "no-such-modal"),
      env: { MODAL_TOKEN_ID: "ak-1", MODAL_TOKEN_SECRET: "as-1" },
    });
    await expect(target.preflight?.(deployment(), ModalConfig.parse({}))).rejects.toThrow(/not at/);
  });

  it("passes with tokens, a valid name and the CLI present", async () => {
    const target = createModalTarget({
      modalCommand: fakeCli,
      env: { MODAL_TOKEN_ID: "ak-1", MODAL_TOKEN_SECRET: "as-1" },
    });
    await expect(
      target.preflight?.(deployment({ modelName: "../../etc" }), ModalConfig.parse({})),
    ).resolves.toBeUndefined();
    expect(existsSync(marker)).toBe(false);
  });

  it("stop runs nothing when modal deploy created nothing, or nothing was recorded", async () => {
    const target = createModalTarget({
      modalCommand: fakeCli,
      env: { MODAL_TOKEN_ID: "ak-1", MODAL_TOKEN_SECRET: "as-1" },
    });
    const logFile = path.join(tmp, "d-0123456789ab", "modal-deploy.log");
    await target.stop(
      deployment({ runtime: { appName: "mltrack-iris-3", appState: "not-created", logFile } }),
      context([]),
    );
    await target.stop(deployment({ runtime: {} }), context([]));
    expect(existsSync(marker)).toBe(false);
  });

  it("stop runs `modal app stop --yes <name>` with an argument array", async () => {
    const target = createModalTarget({
      modalCommand: fakeCli,
      env: { MODAL_TOKEN_ID: "ak-1", MODAL_TOKEN_SECRET: "as-1" },
    });
    const logFile = path.join(tmp, "d-0123456789ab", "modal-deploy.log");
    const updates: unknown[] = [];
    await target.stop(
      deployment({ runtime: { appName: "mltrack-iris-3", appState: "deployed", logFile } }),
      context(updates),
    );
    expect((await readFile(marker, "utf8")).trim()).toBe("app stop --yes mltrack-iris-3");
    expect(updates).toEqual([{ message: "modal app stop mltrack-iris-3", runtime: { appState: "stopped" } }]);
    expect(await readFile(logFile, "utf8")).toContain("$ modal app stop --yes mltrack-iris-3");
  });
});

describe("modalRuntime", () => {
  const logFile = "/home/ml/.mltrack/deployments/d-0123456789ab/modal-deploy.log";
  it("reads a runtime MLTrack wrote", () => {
    expect(
      modalRuntime(
        deployment({ runtime: { appName: "mltrack-iris-3", environment: "main", appState: "deployed", logFile } }),
      ),
    ).toEqual({
      appName: "mltrack-iris-3",
      environment: "main",
      appState: "deployed",
      logFile,
    });
  });

  it.each([
    { appName: "--help", logFile },
    { appName: "x; rm -rf /", logFile },
    { appName: "ok", logFile: "/etc/passwd" },
    { appName: "ok", logFile: "/home/ml/.mltrack/deployments/d-ffffffffffff/modal-deploy.log" },
    { appName: "ok", logFile: "/home/ml/.mltrack/deployments/d-0123456789ab/../d-0123456789ab/modal-deploy.log" },
    { appName: "ok", logFile: "relative/d-0123456789ab/modal-deploy.log" },
  ])("refuses an edited runtime %j", (runtime) => {
    expect(modalRuntime(deployment({ runtime }))).toBeUndefined();
  });
});
