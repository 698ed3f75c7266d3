/**
 * The grey note after a Panel's title: how many ("12", "(3 alive)", "last 20")
 * or what it is on (a dataset's name).
 */
import type { ReactNode } from "react";

export function PanelCount({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={["ml-1 text-sm font-normal text-slate-500", className].filter(Boolean).join(" ")}>{children}</span>;
}
