/**
 * A white bordered section of a page: an optional header row (title, a
 * description under it, actions on the right) over its content. `padded`
 * puts the content in p-4; tables and lists fill the panel edge to edge.
 */
import type { ReactNode } from "react";

type TProps = {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  padded?: boolean;
  testId?: string;
  className?: string;
  children?: ReactNode;
};

export function Panel({ title, description, actions, padded = false, testId, className, children }: TProps) {
  const hasHeader = title != null || actions != null;
  return (
    <section className={["rounded-lg border border-slate-200 bg-white", className].filter(Boolean).join(" ")} data-testid={testId}>
      {hasHeader ? (
        <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
          <div>
            {title != null ? <h2 className="font-semibold">{title}</h2> : null}
            {description != null ? <p className="mt-0.5 text-sm text-slate-600">{description}</p> : null}
          </div>
          {actions != null ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
      ) : null}
      {padded ? <div className="p-4">{children}</div> : children}
    </section>
  );
}
