import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { cn } from "@/lib/utils";
import { safeMarkdownUrl } from "../safe-url";

// Headings sit one level below the page's own (the experiment's name is the h1).
const components: Components = {
  h1: ({ children }) => <h2 className="text-lg font-semibold">{children}</h2>,
  h2: ({ children }) => <h3 className="text-base font-semibold">{children}</h3>,
  h3: ({ children }) => <h4 className="font-semibold">{children}</h4>,
  h4: ({ children }) => <h5 className="font-medium">{children}</h5>,
  h5: ({ children }) => <h6 className="font-medium">{children}</h6>,
  h6: ({ children }) => <h6 className="font-medium">{children}</h6>,
  a: ({ href, children }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-primary underline">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // No remote images in notes (they would load from anywhere on view): the alt text stands in.
  img: ({ alt }) => <span className="text-muted-foreground">[image{alt ? `: ${alt}` : ""}]</span>,
};

/**
 * A note (MLflow's `mlflow.note.content`) as Markdown with GitHub's extensions. Raw HTML in the note
 * is shown as the text it is (react-markdown without rehype-raw), never parsed; links keep only
 * http(s) and mailto targets.
 */
export function MarkdownNote({ text, className }: { text: string; className?: string }) {
  return (
    <div
      className={cn(
        "space-y-2 text-sm break-words [&_blockquote]:border-l-2 [&_blockquote]:pl-3 [&_blockquote]:text-muted-foreground [&_code]:rounded [&_code]:bg-muted [&_code]:px-1 [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded-md [&_pre]:bg-muted [&_pre]:p-2 [&_table]:text-xs [&_td]:border [&_td]:px-2 [&_th]:border [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-5",
        className,
      )}
    >
      <ReactMarkdown remarkPlugins={[remarkGfm]} urlTransform={safeMarkdownUrl} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
