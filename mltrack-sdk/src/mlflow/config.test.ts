import { describe, expect, it } from "vitest";
import { json, scriptedFetch } from "../testing/scripted-fetch";
import { MlflowClient } from "./client";
import { resolveConfig } from "./config";
import { MltrackConfigError } from "./errors";

async function authorizationSent(options: ConstructorParameters<typeof MlflowClient>[0]): Promise<string | undefined> {
  const { fetch, calls } = scriptedFetch(json({ experiment_id: "1" }));
  await new MlflowClient({ trackingUri: "http://mlflow.test", ...options, fetch }).experiments.create({ name: "x" });
  return calls[0]?.headers.authorization;
}

describe("configuration", () => {
  it("takes the tracking URI from options, else from MLFLOW_TRACKING_URI, and fails fast without one", () => {
    expect(resolveConfig({ trackingUri: "http://a:1/", env: {} }).baseUrl).toBe("http://a:1");
    expect(resolveConfig({ env: { MLFLOW_TRACKING_URI: "https://b/mlflow/" } }).baseUrl).toBe("https://b/mlflow");
    expect(() => resolveConfig({ env: {} })).toThrow(MltrackConfigError);
    expect(() => resolveConfig({ env: {} })).toThrow(/MLFLOW_TRACKING_URI/);
    expect(() => resolveConfig({ trackingUri: "file:///tmp/mlruns", env: {} })).toThrow(/http\(s\)/);
    expect(() => resolveConfig({ trackingUri: "not a url", env: {} })).toThrow(/not a URL/);
    expect(() => resolveConfig({ trackingUri: "http://a", timeoutMs: 0, env: {} })).toThrow(/timeoutMs/);
  });

  it("sends basic auth from MLFLOW_TRACKING_USERNAME/PASSWORD", async () => {
    const header = await authorizationSent({
      env: { MLFLOW_TRACKING_USERNAME: "alice", MLFLOW_TRACKING_PASSWORD: "pä55" },
    });
    expect(header).toBe(`Basic ${Buffer.from("alice:pä55").toString("base64")}`);
  });

  it("sends a bearer token from MLFLOW_TRACKING_TOKEN; basic wins when both are set, as in MLflow", async () => {
    expect(await authorizationSent({ env: { MLFLOW_TRACKING_TOKEN: "tok" } })).toBe("Bearer tok");
    expect(
      await authorizationSent({
        env: { MLFLOW_TRACKING_TOKEN: "tok", MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" },
      }),
    ).toMatch(/^Basic /);
  });

  it("prefers explicit auth over env, and null sends none", async () => {
    const env = { MLFLOW_TRACKING_TOKEN: "from-env" };
    expect(await authorizationSent({ env, auth: { type: "bearer", token: "explicit" } })).toBe("Bearer explicit");
    expect(await authorizationSent({ env, auth: null })).toBeUndefined();
  });

  it("moves credentials out of the URL into basic auth, which fetch would refuse", async () => {
    const header = await authorizationSent({ trackingUri: "http://bob:s%40cret@mlflow.test", env: {} });
    expect(header).toBe(`Basic ${Buffer.from("bob:s@cret").toString("base64")}`);
  });

  it("refuses half a username/password pair", () => {
    expect(() => resolveConfig({ trackingUri: "http://a", env: { MLFLOW_TRACKING_USERNAME: "u" } })).toThrow(/both/);
  });
});
