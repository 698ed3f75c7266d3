/**
 * What a page shows when there is nothing to list yet: a dashed box with a
 * heading and a sentence on how to add the first one.
 */
import type { ReactNode } from "react";

export function EmptyState({ title, children, testId }: { title: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid={testId}>
      <h2 className="font-semibold text-slate-800">{title}</h2>
      {children != null ? <p className="mt-2 text-sm text-slate-600">{children}</p> : null}
    </div>
  );
}
