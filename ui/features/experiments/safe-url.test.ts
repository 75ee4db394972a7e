import { describe, expect, it } from "vitest";
import { safeMarkdownUrl } from "./safe-url";

describe("safeMarkdownUrl", () => {
  it("keeps http(s) and mailto links", () => {
    expect(safeMarkdownUrl("https://mlflow.org/docs")).toBe("https://mlflow.org/docs");
    expect(safeMarkdownUrl(" http://127.0.0.1:3000/x ")).toBe("http://127.0.0.1:3000/x");
    expect(safeMarkdownUrl("mailto:ana@example.com")).toBe("mailto:ana@example.com");
  });

  it("drops script, data, file and relative URLs", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
      "file:///etc/passwd",
      "/experiments/1",
      "//evil.example/x",
      "",
    ])
      expect(safeMarkdownUrl(url), url).toBe("");
  });
});
