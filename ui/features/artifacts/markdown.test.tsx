import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeHref } from "./components/markdown";

const render = (text: string) => renderToStaticMarkup(<Markdown>{text}</Markdown>);

describe("Markdown", () => {
  it("renders headings, tables and code", () => {
    const html = render("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`x`");
    expect(html).toContain(">Title</h1>");
    expect(html).toContain("<td");
    expect(html).toContain(">x</code>");
  });

  it("drops raw HTML instead of rendering it", () => {
    const html = render('hello <img src=x onerror="alert(1)"> <script>alert(2)</script>\n\n<div id="raw">r</div>');
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).not.toContain('id="raw"');
  });

  it("links only http(s) and mailto, with rel noopener noreferrer nofollow", () => {
    const html = render("[ok](https://example.com) [bad](javascript:alert(1)) [rel](./x) [m](mailto:a@b.c)");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain('href="./x"');
  });

  it("never loads remote images", () => {
    const html = render("![pixel](https://tracker.example/p.gif)");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("tracker.example");
    expect(html).toMatch(/\[image: (<!-- -->)?pixel/);
  });

  it("safeHref", () => {
    expect(safeHref("HTTPS://x")).toBe("HTTPS://x");
    expect(safeHref(" javascript:x")).toBeUndefined();
    expect(safeHref("data:text/html,x")).toBeUndefined();
  });
});
