import { describe, expect, it } from "vitest";
import { MlflowClient } from "mltrack-sdk/mlflow";
import { json, scriptedFetch, type Scripted } from "../../../../mltrack-sdk/src/testing/scripted-fetch";
import { HTML_CSP, INERT_CSP, SVG_CSP, TEXT_PREVIEW_BYTES } from "../file-kinds";
import { runSource, loggedModelSource } from "../source";
import { artifactFileResponse, artifactHeaders, contentDisposition, limitStream, totalSizeOf } from "./artifact-file";

function client(...steps: Scripted[]) {
  const { fetch, calls } = scriptedFetch(...steps);
  return {
    mlflow: new MlflowClient({ trackingUri: "http://mlflow.test:5000", auth: null, fetch, maxRetries: 0 }),
    calls,
  };
}

const bytes = (n: number) => new Uint8Array(n).fill(97);

describe("contentDisposition", () => {
  it("carries the exact name as RFC 5987 and a safe ASCII fallback", () => {
    expect(contentDisposition("attachment", "loss.png")).toBe(
      `attachment; filename="loss.png"; filename*=UTF-8''loss.png`,
    );
    expect(contentDisposition("attachment", 'résumé "v2" (final)*.txt')).toBe(
      `attachment; filename="r_sum_ _v2_ (final)*.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22%20%28final%29%2A.txt`,
    );
    expect(contentDisposition("inline", "a\r\nb.txt")).toBe(
      `inline; filename="a__b.txt"; filename*=UTF-8''a%0D%0Ab.txt`,
    );
  });
});

describe("artifactHeaders", () => {
  it("sets the allow-listed type, its CSP, nosniff and the disposition", () => {
    const html = artifactHeaders("reports/r.html", { download: false });
    expect(html.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.get("content-security-policy")).toBe(HTML_CSP);
    expect(html.get("x-content-type-options")).toBe("nosniff");
    expect(html.get("content-disposition")).toMatch(/^inline; /);
    const svg = artifactHeaders("d.svg", { download: true });
    expect(svg.get("content-security-policy")).toBe(SVG_CSP);
    expect(svg.get("content-disposition")).toBe(`attachment; filename="d.svg"; filename*=UTF-8''d.svg`);
    expect(artifactHeaders("model.pkl", { download: false }).get("content-type")).toBe("application/octet-stream");
    expect(artifactHeaders("model.pkl", { download: false }).get("content-security-policy")).toBe(INERT_CSP);
  });
});

describe("totalSizeOf", () => {
  it("reads a 206's Content-Range total, else a 200's Content-Length", () => {
    expect(totalSizeOf(new Response("ab", { status: 206, headers: { "content-range": "bytes 0-1/5000" } }))).toBe(5000);
    expect(totalSizeOf(new Response("ab", { status: 200, headers: { "content-length": "2" } }))).toBe(2);
    expect(totalSizeOf(new Response(new ReadableStream(), { status: 200 }))).toBeNull();
  });
});

describe("limitStream", () => {
  it("passes at most max bytes and stops reading the source", async () => {
    let pulled = 0;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(bytes(10));
        if (pulled === 100) controller.close();
      },
    });
    const out = new Uint8Array(await new Response(limitStream(source, 25)).arrayBuffer());
    expect(out.byteLength).toBe(25);
    expect(pulled).toBeLessThan(10);
  });

  it("passes a shorter stream whole", async () => {
    const out = await new Response(limitStream(new Response("hello").body!, 100)).text();
    expect(out).toBe("hello");
  });
});

describe("artifactFileResponse", () => {
  it("asks MLflow for the first MB of a preview, and says when the file is longer", async () => {
    const { mlflow, calls } = client(
      new Response(bytes(TEXT_PREVIEW_BYTES), {
        status: 206,
        headers: {
          "content-range": `bytes 0-${TEXT_PREVIEW_BYTES - 1}/${TEXT_PREVIEW_BYTES * 3}`,
          "content-type": "text/html",
        },
      }),
    );
    const res = await artifactFileResponse(mlflow, runSource("r1"), {
      path: "logs/train.log",
      download: false,
      preview: true,
    });
    expect(calls[0]?.url).toBe("http://mlflow.test:5000/get-artifact?run_uuid=r1&path=logs%2Ftrain.log");
    expect(calls[0]?.headers.range).toBe(`bytes=0-${TEXT_PREVIEW_BYTES - 1}`);
    expect(res.headers.get("x-artifact-truncated")).toBe("1");
    expect(res.headers.get("x-artifact-size")).toBe(String(TEXT_PREVIEW_BYTES * 3));
    // MLflow's guess never reaches the browser.
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect((await res.arrayBuffer()).byteLength).toBe(TEXT_PREVIEW_BYTES);
  });

  it("reads no more than the preview when MLflow ignores the range", async () => {
    const { mlflow } = client(
      new Response(bytes(TEXT_PREVIEW_BYTES + 500), {
        status: 200,
        headers: { "content-length": String(TEXT_PREVIEW_BYTES + 500) },
      }),
    );
    const res = await artifactFileResponse(mlflow, runSource("r1"), { path: "a.txt", download: false, preview: true });
    expect(res.headers.get("x-artifact-truncated")).toBe("1");
    expect((await res.arrayBuffer()).byteLength).toBe(TEXT_PREVIEW_BYTES);
  });

  it("retries an empty file's preview without a range (MLflow answers 416)", async () => {
    const { mlflow, calls } = client(
      new Response("", { status: 416 }),
      new Response("", { status: 200, headers: { "content-length": "0" } }),
    );
    const res = await artifactFileResponse(mlflow, runSource("r1"), {
      path: "empty.txt",
      download: false,
      preview: true,
    });
    expect(res.status).toBe(200);
    expect(calls[1]?.headers.range).toBeUndefined();
    expect(await res.text()).toBe("");
  });

  it("downloads a logged model's file whole, as an attachment", async () => {
    const { mlflow, calls } = client(new Response("yaml: 1\n", { status: 200, headers: { "content-length": "8" } }));
    const res = await artifactFileResponse(mlflow, loggedModelSource("m-1"), {
      path: "MLmodel",
      download: true,
      preview: false,
    });
    expect(calls[0]?.url).toBe(
      "http://mlflow.test:5000/ajax-api/2.0/mlflow/logged-models/m-1/artifacts/files?artifact_file_path=MLmodel",
    );
    expect(calls[0]?.headers.range).toBeUndefined();
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="MLmodel"/);
    expect(res.headers.get("content-length")).toBe("8");
    expect(await res.text()).toBe("yaml: 1\n");
  });

  it("passes MLflow's errors on as MlflowError", async () => {
    const { mlflow } = client(json({ error_code: "RESOURCE_DOES_NOT_EXIST", message: "Run 'r1' not found" }, 404));
    await expect(
      artifactFileResponse(mlflow, runSource("r1"), { path: "a.txt", download: false, preview: false }),
    ).rejects.toMatchObject({ errorCode: "RESOURCE_DOES_NOT_EXIST" });
  });
});
