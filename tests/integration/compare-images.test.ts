/**
 * POST /api/compare/images through the built UI against a real MLflow: each run's per-step images in
 * a folder (found on its own when none is given), steps read from file names, bad paths refused.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { CompareImagesResponse } from "@/features/compare/images/schemas";

const mlflow = new MlflowClient({ trackingUri: inject("mlflowUrl"), auth: null });
const uiUrl = inject("uiUrl");

const post = (body: unknown) =>
  fetch(`${uiUrl}/api/compare/images`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function images(body: Record<string, unknown>) {
  const res = await post(body);
  expect(res.status).toBe(200);
  return CompareImagesResponse.parse(await res.json());
}

/** Not a real PNG: the listing only reads names. */
const BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

let a: string;
let b: string;
let c: string;
/** Runs without artifacts: more than discovery reads at first. */
const empties: string[] = [];

describe("compare images API", () => {
  beforeAll(async () => {
    const experimentId = await mlflow.experiments.create({ name: `compare-images-${randomUUID().slice(0, 8)}` });
    const files: Record<string, string[]> = {
      a: [
        "plots/loss.png",
        "media/samples/epoch_3.png",
        "media/samples/epoch_1.png",
        "media/samples/notes-1.txt",
        "images/step_5.png",
        "images/step_0.jpg",
        "images/readme-2.md",
      ],
      b: ["images/step_2.png", "images/step_2.jpg"],
      c: [],
    };
    const ids: Record<string, string> = {};
    for (const [name, paths] of Object.entries(files)) {
      const run = await mlflow.runs.create({ experimentId, runName: name, startTime: Date.now() });
      for (const path of paths) await mlflow.uploadArtifact({ artifactUri: run.info.artifactUri, path, body: BYTES });
      ids[name] = run.info.runId;
    }
    [a, b, c] = [ids.a!, ids.b!, ids.c!];
    for (let i = 0; i < 9; i++) {
      const run = await mlflow.runs.create({ experimentId, runName: `empty-${i}`, startTime: Date.now() });
      empties.push(run.info.runId);
    }
  }, 120_000);

  it("finds the first folder holding step images and lists every run's images by step", async () => {
    const body = await images({ runIds: [a, b, c], path: null });
    expect(body).toEqual({
      path: "images",
      folders: ["images", "media/samples"],
      runs: [
        {
          runId: a,
          images: [
            { step: 0, path: "images/step_0.jpg" },
            { step: 5, path: "images/step_5.png" },
          ],
          truncated: false,
        },
        { runId: b, images: [{ step: 2, path: "images/step_2.jpg" }], truncated: false },
        { runId: c, images: [], truncated: false },
      ],
    });
  });

  it("looks into later runs while the first ones have no step images", async () => {
    const body = await images({ runIds: [...empties, b], path: null });
    expect(body.path).toBe("images");
    expect(body.folders).toEqual(["images"]);
    expect(body.runs.at(-1)).toEqual({ runId: b, images: [{ step: 2, path: "images/step_2.jpg" }], truncated: false });
    expect(body.runs.slice(0, -1).every((run) => run.images.length === 0)).toBe(true);
  });

  it("lists a chosen folder, a nested one included", async () => {
    const body = await images({ runIds: [a, b], path: "./media//samples/" });
    expect(body.path).toBe("media/samples");
    expect(body.runs.map((run) => run.images)).toEqual([
      [
        { step: 1, path: "media/samples/epoch_1.png" },
        { step: 3, path: "media/samples/epoch_3.png" },
      ],
      [],
    ]);
  });

  it("refuses paths outside the artifact root and bad run ids", async () => {
    for (const body of [
      { runIds: [a], path: "../elsewhere" },
      { runIds: [a], path: "/etc" },
      { runIds: [a], path: "" },
      { runIds: ["bad id"], path: null },
      { runIds: [], path: null },
    ]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = ((await res.json()) as { error: { code: string } }).error;
      expect(error.code).toBe("INVALID_PARAMETER_VALUE");
    }
  });
});
