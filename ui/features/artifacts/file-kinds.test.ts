import { describe, expect, it } from "vitest";
import { HTML_CSP, INERT_CSP, SVG_CSP, extensionOf, looksBinary, previewKindOf, servedTypeOf } from "./file-kinds";

describe("file kinds", () => {
  it("reads the extension from the file name only, case-insensitively", () => {
    expect(extensionOf("plots/Loss.PNG")).toBe("png");
    expect(extensionOf("a.b/README")).toBe("");
    expect(extensionOf(".env")).toBe("");
    expect(extensionOf("archive.tar.gz")).toBe("gz");
  });

  it("picks a preview per kind", () => {
    expect(previewKindOf("fig.webp")).toBe("image");
    expect(previewKindOf("diagram.svg")).toBe("image");
    expect(previewKindOf("train.log")).toBe("text");
    expect(previewKindOf("model/MLmodel")).toBe("text");
    expect(previewKindOf("metrics.json")).toBe("json");
    expect(previewKindOf("table.csv")).toBe("csv");
    expect(previewKindOf("table.tsv")).toBe("tsv");
    expect(previewKindOf("README.md")).toBe("markdown");
    expect(previewKindOf("report.html")).toBe("html");
    expect(previewKindOf("model.pkl")).toBe("other");
    expect(previewKindOf("LICENSE.unknownext")).toBe("other");
  });

  it("serves only allow-listed types; HTML only with the sandbox policy, SVG without scripts", () => {
    expect(servedTypeOf("a.png")).toEqual({ contentType: "image/png", csp: INERT_CSP });
    expect(servedTypeOf("a.JPG")).toEqual({ contentType: "image/jpeg", csp: INERT_CSP });
    expect(servedTypeOf("a.svg")).toEqual({ contentType: "image/svg+xml", csp: SVG_CSP });
    expect(servedTypeOf("r.html")).toEqual({ contentType: "text/html; charset=utf-8", csp: HTML_CSP });
    expect(servedTypeOf("r.htm").csp).toBe(HTML_CSP);
    // Script sources are text: with nosniff a browser will not run them as scripts.
    expect(servedTypeOf("app.js").contentType).toBe("text/plain; charset=utf-8");
    expect(servedTypeOf("page.xhtml").contentType).toBe("application/octet-stream");
    expect(servedTypeOf("doc.pdf").contentType).toBe("application/octet-stream");
    expect(servedTypeOf("no-extension").contentType).toBe("application/octet-stream");
    expect(servedTypeOf("d.json").contentType).toBe("application/json; charset=utf-8");
  });

  it("keeps every non-HTML response inert and HTML without same-origin or network", () => {
    expect(SVG_CSP).toMatch(/^sandbox;/);
    expect(SVG_CSP).not.toContain("script-src");
    expect(INERT_CSP).toMatch(/^sandbox;/);
    expect(HTML_CSP).toMatch(/^sandbox allow-scripts;/);
    expect(HTML_CSP).not.toContain("allow-same-origin");
    expect(HTML_CSP).toContain("default-src 'none'");
    expect(HTML_CSP).not.toMatch(/connect-src/);
  });

  it("tells binary from text by NUL bytes", () => {
    expect(looksBinary(new TextEncoder().encode("hello\nworld"))).toBe(false);
    expect(looksBinary(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))).toBe(true);
  });
});
