/**
 * A sentence in place of a dataset panel's table or rows: why there is
 * nothing to show, or what to do to see it.
 */
import type { ReactNode } from "react";

export function PanelNote({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <p className="px-4 py-4 text-sm text-slate-600" data-testid={testId}>
      {children}
    </p>
  );
}
