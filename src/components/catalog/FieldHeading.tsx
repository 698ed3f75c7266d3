/**
 * The small uppercase heading over one fact of a dataset (Description,
 * Owner, Tags, Upstream, …).
 */
import type { ReactNode } from "react";

export function FieldHeading({ children }: { children: ReactNode }) {
  return <h3 className="mb-1 text-xs font-medium uppercase text-slate-500">{children}</h3>;
}
