/**
 * Labels and their values in two aligned columns (a <dl>): a record's
 * settings, a legend of choices. `termClassName` styles the labels
 * (grey by default); `className` sets size, spacing and padding.
 */
import type { ReactNode } from "react";

type TProps = {
  items: ReadonlyArray<readonly [string, ReactNode]>;
  className?: string;
  termClassName?: string;
  testId?: string;
};

export function KeyValueList({ items, className = "gap-x-6 gap-y-2 text-sm", termClassName = "text-slate-500", testId }: TProps) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] ${className}`} data-testid={testId}>
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className={termClassName}>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
