// A test renders to static HTML; it never reaches the browser bundle.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownNote } from "./markdown-note";

const render = (text: string) => renderToStaticMarkup(<MarkdownNote text={text} />);

describe("MarkdownNote", () => {
  it("renders Markdown with GitHub's extensions, headings one level below the page's", () => {
    const html = render("# Title\n\n**bold** ~~gone~~\n\n| a | b |\n|---|---|\n| 1 | 2 |");
    expect(html).toContain("<h2");
    expect(html).not.toContain("<h1");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain("<table>");
  });

  it("shows raw HTML as text, never as elements", () => {
    const html = render('<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> <b id="x">b</b>');
    expect(html).not.toMatch(/<script|<img|<b /);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;");
  });

  it("keeps only http(s) and mailto links, opened safely, and no remote images", () => {
    const html = render(
      "[ok](https://mlflow.org) [mail](mailto:a@b.c) [bad](javascript:alert(1)) [data](data:text/html,x) ![pixel](https://t.example/p.png)",
    );
    expect(html).toContain('<a href="https://mlflow.org" target="_blank" rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text");
    expect(html).not.toContain("<img");
    expect(html).toContain("[image: pixel]");
  });
});
