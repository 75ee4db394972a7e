"use client";

import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

/** Only these link targets survive; anything else (javascript:, data:, relative paths) is dropped. */
export function safeHref(url: string): string | undefined {
  return /^(https?:|mailto:)/i.test(url.trim()) ? url : undefined;
}

const components: Components = {
  h1: ({ node: _, ...props }) => <h1 className="mt-6 mb-3 text-2xl font-semibold first:mt-0" {...props} />,
  h2: ({ node: _, ...props }) => <h2 className="mt-6 mb-3 text-xl font-semibold first:mt-0" {...props} />,
  h3: ({ node: _, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold first:mt-0" {...props} />,
  h4: ({ node: _, ...props }) => <h4 className="mt-4 mb-2 font-semibold first:mt-0" {...props} />,
  h5: ({ node: _, ...props }) => <h5 className="mt-4 mb-2 text-sm font-semibold first:mt-0" {...props} />,
  h6: ({ node: _, ...props }) => <h6 className="mt-4 mb-2 text-sm font-semibold first:mt-0" {...props} />,
  p: ({ node: _, ...props }) => <p className="my-3 leading-7 first:mt-0" {...props} />,
  ul: ({ node: _, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  blockquote: ({ node: _, ...props }) => (
    <blockquote className="my-3 border-l-2 pl-4 text-muted-foreground italic" {...props} />
  ),
  hr: () => <hr className="my-6 border-border" />,
  pre: ({ node: _, ...props }) => (
    <pre
      className="my-3 overflow-x-auto rounded-md bg-muted p-3 font-mono text-xs [&_code]:bg-transparent [&_code]:p-0"
      {...props}
    />
  ),
  code: ({ node: _, ...props }) => <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.85em]" {...props} />,
  table: ({ node: _, ...props }) => (
    <div className="my-3 overflow-x-auto">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _, ...props }) => <th className="border px-2 py-1 text-left font-medium" {...props} />,
  td: ({ node: _, ...props }) => <td className="border px-2 py-1" {...props} />,
  a: ({ node: _, href, children }) => {
    const safe = href ? safeHref(href) : undefined;
    return safe ? (
      <a
        href={safe}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-primary underline underline-offset-4"
      >
        {children}
      </a>
    ) : (
      <span>{children}</span>
    );
  },
  // No remote images: a Markdown artifact must not make the browser fetch anything. The alt text stays.
  img: ({ alt }) => (alt ? <span className="text-muted-foreground">[image: {alt}]</span> : null),
};

/**
 * Markdown from an untrusted source, rendered without raw HTML (dropped, never parsed), with links
 * only to http(s) and mailto, opened with rel="noopener noreferrer nofollow".
 */
export function Markdown({ children }: { children: string }) {
  return (
    <div className="text-sm break-words">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        skipHtml
        urlTransform={(url) => safeHref(url) ?? ""}
        components={components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
