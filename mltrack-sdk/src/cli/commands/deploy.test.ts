import { describe, expect, it } from "vitest";
import { main } from "../main";

/** Bad input is refused before anything reaches MLflow: the fetch given here fails every call. */
async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const calls: string[] = [];
  const code = await main(argv, {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env: { MLFLOW_TRACKING_URI: "http://mlflow.test:5000", MLTRACK_DEPLOY_DIR: "/nonexistent/mltrack-deploy" },
    fetch: (input) => {
      calls.push(String(input));
      return Promise.reject(new TypeError("fetch failed"));
    },
  });
  return { code, stdout: out.join(""), stderr: err.join(""), calls };
}

describe("mltrack deploy, invoke, undeploy, deployments: bad input", () => {
  it("names each bad config field, exit code 2, without calling MLflow", async () => {
    const res = await run([
      "deploy",
      "iris",
      "1",
      "--target",
      "local",
      "--config-json",
      '{"timeoutSeconds":0,"startupTimeoutSeconds":"x","gpu":"T4"}',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/config\.timeoutSeconds/);
    expect(res.stderr).toMatch(/config\.startupTimeoutSeconds/);
    expect(res.stderr).toMatch(/config\.gpu: Unknown field/);
    expect(res.calls).toEqual([]);
  });

  it("refuses a missing target, version, body or id with the usage", async () => {
    for (const argv of [
      ["deploy", "iris", "1"],
      ["deploy", "iris", "--target", "local"],
      ["deploy", "iris", "1", "--target", "local", "--config-json", "{nope"],
      ["invoke", "d-0123456789ab"],
      ["invoke", "d-0123456789ab", "--data", "{}", "--file", "x.json"],
      ["undeploy"],
      ["deployments"],
      ["deployments", "get"],
      ["deployments", "rm", "d-0123456789ab"],
    ]) {
      const res = await run(argv);
      expect(res.code, argv.join(" ")).toBe(2);
      expect(res.stderr).toContain("Usage: mltrack");
      expect(res.calls).toEqual([]);
    }
  });

  it("refuses an unknown target naming the field", async () => {
    const res = await run(["deploy", "iris", "1", "--target", "heroku"]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/target/);
  });
});
