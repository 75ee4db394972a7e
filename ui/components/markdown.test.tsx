import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeUrl } from "./markdown";

const html = (source: string) => renderToStaticMarkup(<Markdown>{source}</Markdown>);

describe("safeUrl", () => {
  it.each([
    ["https://example.com/a?b=1", "https://example.com/a?b=1"],
    ["http://example.com", "http://example.com/"],
    ["mailto:someone@example.com", "mailto:someone@example.com"],
    [" https://example.com ", "https://example.com/"],
  ])("keeps %s", (url, expected) => expect(safeUrl(url)).toBe(expected));

  it.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "/experiments/1",
    "//evil.example/x",
    "#top",
    "",
  ])("refuses %j", (url) => expect(safeUrl(url)).toBeUndefined());
});

describe("Markdown", () => {
  it("renders GitHub-flavoured Markdown", () => {
    const out = html("# Title\n\n**bold** and ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done");
    expect(out).toContain("<h2>Title</h2>");
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain("<del>gone</del>");
    expect(out).toContain("<table>");
    expect(out).toContain('type="checkbox"');
  });

  it("shows raw HTML as text, never as elements", () => {
    const out = html('<script>alert(1)</script>\n\n<img src="x" onerror="alert(2)">\n\nok <b id="x">b</b>');
    expect(out).not.toMatch(/<script|<img|<b /);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=&quot;x&quot; onerror=&quot;alert(2)&quot;&gt;");
  });

  it("opens safe links in a new tab without referrer, and makes unsafe ones text", () => {
    const out = html("[site](https://example.com) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [rel](/x)");
    expect(out).toContain('<a href="https://example.com/" target="_blank" rel="noopener noreferrer nofollow"');
    expect(out).toContain('href="mailto:a@b.c"');
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain('href="/x"');
    expect(out).toContain("bad");
  });

  it("links images by their alt text instead of loading them", () => {
    const out = html("![loss curve](https://example.com/loss.png) ![x](javascript:alert(1))");
    expect(out).not.toContain("<img");
    expect(out).toMatch(
      /<a href="https:\/\/example.com\/loss.png"[^>]*rel="noopener noreferrer nofollow"[^>]*>.*loss curve<\/a>/,
    );
    expect(out).not.toContain("javascript:");
  });

  it("autolinks bare URLs through the same check", () => {
    expect(html("see https://example.com/x")).toContain('href="https://example.com/x"');
    expect(html("see www.example.com")).toContain('href="http://www.example.com/"');
  });
});
