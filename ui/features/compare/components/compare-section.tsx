import type { ReactNode } from "react";

/** One titled part of the compare page; the title is a heading, so the page reads as an outline. */
export function CompareSection({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div
      role="region"
      aria-labelledby={`compare-${id}-title`}
      className="space-y-3"
      data-testid={`compare-section-${id}`}
    >
      <div className="flex flex-wrap items-center gap-3">
        <h2 id={`compare-${id}-title`} className="text-lg font-semibold tracking-tight">
          {title}
        </h2>
        {actions ? <div className="ml-auto flex flex-wrap items-center gap-3">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
