import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DeployError } from "../errors";
import { createModelTarball, listTarball } from "./model-tarball";

const scratch = mkdtempSync(path.join(tmpdir(), "mltrack-tarball-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("createModelTarball", () => {
  it("puts the model folder's files at the archive root, subfolders included", async () => {
    const dir = path.join(scratch, "model");
    mkdirSync(path.join(dir, "code"), { recursive: true });
    writeFileSync(path.join(dir, "MLmodel"), "flavors: {}\n");
    writeFileSync(path.join(dir, "requirements.txt"), "scikit-learn\n");
    writeFileSync(path.join(dir, "code", "helper.py"), "x = 1\n");
    const tarball = await createModelTarball(dir, path.join(scratch, "out"));
    expect(tarball.file).toBe(path.join(scratch, "out", "model.tar.gz"));
    expect(tarball.bytes).toBeGreaterThan(0);
    expect((await listTarball(tarball.file)).sort()).toEqual([
      "MLmodel",
      "code/",
      "code/helper.py",
      "requirements.txt",
    ]);
  });

  it("refuses a folder without MLmodel", async () => {
    const dir = path.join(scratch, "empty");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "model.pkl"), "x");
    const err = await createModelTarball(dir, scratch).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeployError);
    expect(err).toMatchObject({
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `The model folder ${dir} has no MLmodel file.`,
    });
  });

  it("refuses an output name that is a path", async () => {
    const dir = path.join(scratch, "model");
    await expect(createModelTarball(dir, scratch, "../x.tar.gz")).rejects.toThrow(/Not a file name/);
  });
});
