import { ImageIcon } from "lucide-react";
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/utils";

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The URL if it is absolute http(s) or mailto, else undefined. Relative and protocol-relative URLs are
 * refused too: a note is read in many places, and `javascript:`, `data:` and friends must never be a link.
 */
export function safeUrl(url: string): string | undefined {
  const trimmed = url.trim();
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return undefined;
  }
  return SAFE_PROTOCOLS.has(parsed.protocol) ? parsed.href : undefined;
}

const LINK_PROPS = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;

function SafeLink({ href, children }: ComponentProps<"a">) {
  const url = href ? safeUrl(href) : undefined;
  if (!url) return <span data-unsafe-link="">{children}</span>;
  return (
    <a href={url} {...LINK_PROPS} className="text-primary underline underline-offset-4 hover:no-underline">
      {children}
    </a>
  );
}

/** Images are not loaded (a note must not make the browser fetch arbitrary URLs): their alt text links to them. */
function ImageAsLink({ src, alt }: ComponentProps<"img">) {
  const url = typeof src === "string" ? safeUrl(src) : undefined;
  const label = alt || "image";
  const content = (
    <>
      <ImageIcon className="inline size-3.5 align-[-2px]" aria-hidden />
      {label}
    </>
  );
  if (!url) return <span className="inline-flex items-center gap-1 text-muted-foreground">{content}</span>;
  return (
    <a
      href={url}
      {...LINK_PROPS}
      title={`Image: ${url}`}
      className="inline-flex items-center gap-1 text-primary underline underline-offset-4 hover:no-underline"
    >
      {content}
    </a>
  );
}

/** Headings sit one level below the page's own: the page's name is its only h1. */
const COMPONENTS: Components = {
  h1: ({ node: _node, ...props }) => <h2 {...props} />,
  h2: ({ node: _node, ...props }) => <h3 {...props} />,
  h3: ({ node: _node, ...props }) => <h4 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
  a: ({ node: _node, ...props }) => <SafeLink {...props} />,
  img: ({ node: _node, ...props }) => <ImageAsLink {...props} />,
};

/** `a` and `img` are handled by components; other URL-bearing attributes go through the same check. */
const urlTransform = (url: string) => safeUrl(url);

/**
 * Markdown (GitHub flavoured) from untrusted text: raw HTML shows as text, links open http(s) and
 * mailto only (new tab, no referrer, nofollow), and images are links to their URL, never loaded.
 */
export function Markdown({ children, className }: { children: string; className?: string }) {
  return (
    <div
      data-slot="markdown"
      className={cn(
        "text-sm leading-6 break-words",
        "[&_h2]:mt-4 [&_h2]:mb-2 [&_h2]:text-xl [&_h2]:font-semibold",
        "[&_h3]:mt-4 [&_h3]:mb-2 [&_h3]:text-lg [&_h3]:font-semibold",
        "[&_h4]:mt-3 [&_h4]:mb-1 [&_h4]:font-semibold [&_h5]:mt-3 [&_h5]:font-semibold [&_h6]:font-semibold",
        "[&_p]:my-2 [&_ul]:my-2 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-2 [&_ol]:list-decimal [&_ol]:pl-6",
        "[&_li]:my-0.5 [&_li:has(>input)]:list-none [&_input]:mr-1.5 [&_input]:align-middle",
        "[&_blockquote]:my-2 [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground",
        "[&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_code]:py-0.5 [&_code]:font-mono [&_code]:text-[0.85em]",
        "[&_pre]:my-2 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0",
        "[&_table]:my-2 [&_table]:block [&_table]:overflow-x-auto [&_td]:border [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:px-2 [&_th]:py-1 [&_th]:text-left",
        "[&_hr]:my-4 [&>*:first-child]:mt-0 [&>*:last-child]:mb-0",
        className,
      )}
    >
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={COMPONENTS} urlTransform={urlTransform}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
