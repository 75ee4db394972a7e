import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { artifactFrom, imageArtifact, jsonArtifact, textArtifact, type ArtifactPayload } from "./artifacts";

const dir = mkdtempSync(path.join(tmpdir(), "mltrack-artifacts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const text = async (a: ArtifactPayload) => new TextDecoder().decode(await new Response(await a.body()).arrayBuffer());

describe("artifact payloads", () => {
  it("reads a file when logged, so a later overwrite does not change the upload", async () => {
    const file = path.join(dir, "plot.txt");
    writeFileSync(file, "epoch 1");
    const artifact = artifactFrom(file);
    writeFileSync(file, "epoch 2");
    expect(artifact.path).toBe("plot.txt");
    expect(await text(artifact)).toBe("epoch 1");
    expect(artifactFrom(file, "plots/p.txt").path).toBe("plots/p.txt");
  });

  it("copies a large file to a staging file and streams it, removing the copy when released", async () => {
    const file = path.join(dir, "weights.bin");
    const big = new Uint8Array(17 * 1024 * 1024).map((_, i) => i % 251);
    writeFileSync(file, big);
    const artifact = artifactFrom(file, "model/weights.bin");
    writeFileSync(file, "replaced");
    const body = await artifact.body();
    expect(body).toBeInstanceOf(ReadableStream);
    // Compared as one Buffer: a deep equality over 17M elements is far too slow.
    expect(Buffer.from(await new Response(body).arrayBuffer()).equals(Buffer.from(big))).toBe(true);
    expect((await new Response(await artifact.body()).arrayBuffer()).byteLength).toBe(big.length);
    artifact.release();
    await expect(artifact.body().then((b) => new Response(b).arrayBuffer())).rejects.toThrow(/ENOENT/);
  });

  it("copies bytes when logged", async () => {
    const bytes = new TextEncoder().encode("abc");
    const artifact = artifactFrom(bytes, "x.bin");
    bytes[0] = 0x7a;
    expect(await text(artifact)).toBe("abc");
    expect(artifact.contentType).toBe("application/octet-stream");
  });

  it("refuses names that escape the run's artifacts, and bytes without a name", () => {
    for (const name of ["../x", "/etc/passwd", "a/../../b", "a\\b", "%2e%2e/x", "C:/x", "dir/", ""])
      expect(() => textArtifact("x", name)).toThrow(/artifact/i);
    expect(() => artifactFrom(new Uint8Array(1))).toThrow(/need a name/);
  });

  it("writes text and JSON with their content types", async () => {
    expect(textArtifact("hi", "notes.md").contentType).toMatch(/^text\/markdown/);
    const json = jsonArtifact({ a: 1n }, "out.json");
    expect(json.contentType).toBe("application/json");
    expect(JSON.parse(await text(json))).toEqual({ a: "1" });
  });

  it("checks images by their bytes and names series by step", () => {
    expect(imageArtifact(PNG, "confusion").path).toBe("confusion.png");
    expect(imageArtifact(PNG, "samples.png").path).toBe("samples.png");
    expect(imageArtifact(PNG, "samples.png", 7).path).toBe("samples/step_7.png");
    expect(imageArtifact(new Uint8Array([0xff, 0xd8, 0xff, 0]), "s", 3)).toMatchObject({
      path: "s/step_3.jpg",
      contentType: "image/jpeg",
    });
    expect(() => imageArtifact(new TextEncoder().encode("<svg>"), "x")).toThrow(/not a PNG/);
    expect(() => imageArtifact(PNG, "../x")).toThrow(/artifact name/i);
  });
});
