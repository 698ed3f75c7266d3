/**
 * A panel title with how many things it holds beside it ("Schema 12 columns").
 */
import type { ReactNode } from "react";

export function TitleCount({ title, count, one, many, extra }: { title: string; count: number; one: string; many: string; extra?: ReactNode }) {
  return (
    <>
      {title}{" "}
      <span className="ml-1 text-sm font-normal text-slate-500">
        {count} {count === 1 ? one : many}
        {extra}
      </span>
    </>
  );
}
