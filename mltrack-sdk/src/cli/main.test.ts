import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { encodeOp, newDataOp, newEndOp } from "../pipeline/ops";
import { segmentBase, serverKey } from "../pipeline/spool";
import { json, networkError, scriptedFetch, type Scripted } from "../testing/scripted-fetch";
import { main } from "./main";

const URI = "http://mlflow.test:5000";
let spoolDir: string;
beforeEach(() => {
  spoolDir = mkdtempSync(path.join(tmpdir(), "mltrack-cli-test-"));
});
afterEach(() => rmSync(spoolDir, { recursive: true, force: true }));

async function run(argv: string[], ...script: Scripted[]) {
  const out: string[] = [];
  const err: string[] = [];
  const scripted = scriptedFetch(...(script.length ? script : [networkError("ECONNREFUSED")]));
  const code = await main(argv, {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: { MLFLOW_TRACKING_URI: URI, MLTRACK_SPOOL_DIR: spoolDir },
    fetch: scripted.fetch,
  });
  return { code, stdout: out.join(""), stderr: err.join(""), calls: scripted.calls };
}

const runJson = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  info: {
    run_id: id,
    run_uuid: id,
    run_name: name,
    experiment_id: "7",
    status: "FINISHED",
    start_time: 1_700_000_000_000,
    end_time: 1_700_000_090_000,
    lifecycle_stage: "active",
    artifact_uri: "mlflow-artifacts:/7/x",
    user_id: "ada",
  },
  data: {
    metrics: [{ key: "loss", value: 0.25, timestamp: 1_700_000_050_000, step: 9 }],
    params: [{ key: "lr", value: "0.1" }],
    tags: [{ key: "mlflow.runName", value: name }],
  },
  ...extra,
});

describe("mltrack: bad input", () => {
  it.each([
    [[], /Usage/],
    [["serve"], /unknown command "serve"/],
    [["runs"], /needs a subcommand/],
    [["runs", "rm"], /unknown runs subcommand "rm"/],
    [["runs", "ls"], /needs --experiment/],
    [["runs", "ls", "--experiment", "x", "--max", "0"], /--max must be a whole number/],
    [["runs", "ls", "--experiment", "x", "--max", "ten"], /--max must be a whole number/],
    [["runs", "ls", "--experiment", "x", "--bogus"], /Unknown option '--bogus'/],
    [["runs", "get"], /exactly one run ID/],
    [["runs", "get", "a", "b"], /exactly one run ID/],
    [["sync", "extra"], /Unexpected argument 'extra'/],
    [["sync", "--wait=-1"], /--wait must be/],
  ])("mltrack %j exits 2 and says why", async (argv, message) => {
    const result = await run(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.calls).toHaveLength(0);
  });

  it("prints the usage on --help and exits 0", async () => {
    const result = await run(["--help"]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/mltrack runs ls|runs ls --experiment/);
  });
});

describe("mltrack runs", () => {
  it("ls finds the experiment by name and lists its runs newest first as a table", async () => {
    const result = await run(
      ["runs", "ls", "--experiment", "churn", "--max", "2"],
      json({ experiment: { experiment_id: "7", name: "churn", lifecycle_stage: "active" } }),
      json({ runs: [runJson("r3", "third"), runJson("r2", "second\u001b[31m"), runJson("r1", "first")] }),
    );
    expect(result.code).toBe(0);
    expect(result.calls[0]?.url).toContain("experiments/get-by-name?experiment_name=churn");
    const search = JSON.parse(result.calls[1]?.body ?? "{}") as Record<string, unknown>;
    expect(search).toMatchObject({ experiment_ids: ["7"], order_by: ["attributes.start_time DESC"] });
    const lines = result.stdout.split("\n");
    expect(lines[0]).toMatch(/^RUN ID\s+NAME\s+STATUS\s+STARTED \(UTC\)\s+DURATION$/);
    expect(lines[1]).toMatch(/^r3\s+third\s+FINISHED\s+2023-11-14 22:13:20Z\s+1 min 30 s$/);
    expect(lines[2]).toContain("second\\x1b[31m");
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).toMatch(/2 runs of experiment "churn" \(id 7\), newest first; more exist/);
  });

  it("ls takes a numeric ID, prints JSON on --json, and says so when there are no runs", async () => {
    const asJson = await run(
      ["runs", "ls", "-e", "7", "--json"],
      json({ experiment: { experiment_id: "7", name: "churn", lifecycle_stage: "active" } }),
      json({ runs: [runJson("r1", "first")] }),
    );
    expect(asJson.code).toBe(0);
    expect(asJson.calls[0]?.url).toContain("experiments/get?experiment_id=7");
    expect((JSON.parse(asJson.stdout) as { info: { runId: string } }[])[0]?.info.runId).toBe("r1");

    const empty = await run(
      ["runs", "ls", "-e", "churn"],
      json({ experiment: { experiment_id: "7", name: "churn", lifecycle_stage: "active" } }),
      json({}),
    );
    expect(empty.stdout).toMatch(/No runs in experiment "churn" \(id 7\) yet/);
  });

  it("ls exits 1 when no experiment has that name or ID", async () => {
    const result = await run(
      ["runs", "ls", "-e", "42"],
      json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "No Experiment with id=42 exists" }, 404),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no experiment named or numbered "42" at http:\/\/mlflow.test:5000/);
    expect(result.calls).toHaveLength(2);
  });

  it("get shows status, params, latest metrics and tags; exits 1 for an unknown run", async () => {
    const result = await run(["runs", "get", "r1"], json({ run: runJson("r1", "first") }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Run r1 {2}first\n {2}status\s+FINISHED/);
    expect(result.stdout).toMatch(/Params \(1\)\n {2}KEY\s+VALUE\n {2}lr\s+0\.1/);
    expect(result.stdout).toMatch(/Metrics, latest value \(1\)\n.*\n {2}loss\s+0\.25\s+9\s+2023-11-14/);
    expect(result.stdout).toMatch(/Tags \(1\)\n.*\n {2}mlflow\.runName\s+first/);

    const missing = await run(
      ["runs", "get", "nope"],
      json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Run 'nope' not found" }, 404),
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no run "nope"/);
  });

  it("reports an unreachable server as a failure (exit 1), not a crash", async () => {
    const result = await run(["runs", "get", "r1"], networkError("ECONNREFUSED"));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Could not reach MLflow at http:\/\/mlflow.test:5000/);
  });
});

describe("mltrack sync", () => {
  function spool(name: string, uri = URI) {
    const op = newDataOp("run1");
    for (const step of [0, 1, 2]) {
      op.keys.push("loss");
      op.values.push(step);
      op.timestamps.push(1000 + step);
      op.steps.push(step);
    }
    op.entries = 3;
    writeFileSync(
      path.join(spoolDir, name),
      `${encodeOp(op, uri)}\n${encodeOp(newEndOp("run1", "FINISHED", 2000), uri)}\n`,
    );
  }

  it("sends the spool, says what it sent, and removes the files", async () => {
    spool(`${segmentBase(serverKey(URI), 1, 1, 1)}.jsonl`);
    spool(`${segmentBase(serverKey("http://elsewhere:5000"), 1, 1, 1)}.jsonl`, "http://elsewhere:5000");
    const result = await run(["sync"], json({}), json({ run_info: { run_id: "run1", status: "FINISHED" } }));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Sent 3 entries \(metric points, params and tags\) in 2 batches from 1 spool file\(s\) to http:\/\/mlflow.test:5000/,
    );
    expect(result.stdout).toMatch(/For another server, http:\/\/elsewhere:5000: 3 entries in 2 batches \(1 file\)/);
    expect(result.stdout).toMatch(/Nothing left in the spool/);
    expect(readdirSync(spoolDir)).toHaveLength(1);
    // A file another process left is resumed: its first batch may have been sent, so it is read back first.
    expect(result.calls[0]?.url).toContain("metrics/get-history-bulk-interval");
    const body = JSON.parse(result.calls.find((c) => c.url.endsWith("runs/log-batch"))?.body ?? "{}") as {
      metrics: unknown[];
    };
    expect(body.metrics).toEqual([0, 1, 2].map((step) => ({ key: "loss", value: step, timestamp: 1000 + step, step })));
  });

  it("exits 1 and says what is left when MLflow does not answer", async () => {
    spool(`${segmentBase(serverKey(URI), 1, 1, 1)}.jsonl`);
    const result = await run(["sync", "--wait", "0"], networkError("ECONNREFUSED"));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /Left for http:\/\/mlflow.test:5000: 3 entries in 2 batches \(1 file\); MLflow did not take them \(TEMPORARILY_UNAVAILABLE: Could not reach MLflow/,
    );
    expect(readdirSync(spoolDir)).toEqual([`${segmentBase(serverKey(URI), 1, 1, 1)}.jsonl`]);
  });

  it("says so when there is nothing to send", async () => {
    const result = await run(["sync"]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/Nothing to send/);
  });
});
