/**
 * A sentence inside a Panel, padded like its rows: "Loading…", "No … yet",
 * what an empty list means. `muted` for the loading line.
 */
import type { ReactNode } from "react";

export function PanelNote({ children, muted = false, testId }: { children: ReactNode; muted?: boolean; testId?: string }) {
  return (
    <p className={muted ? "px-4 py-4 text-sm text-slate-500" : "px-4 py-4 text-sm text-slate-600"} data-testid={testId}>
      {children}
    </p>
  );
}
