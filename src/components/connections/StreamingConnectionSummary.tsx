/**
 * A streaming connection's settings, read-only: where its tables land and
 * how it runs (continuously, no schedule).
 */
import type { ReactNode } from "react";
import type { RouterOutputs } from "@/lib/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

export function StreamingConnectionSummary({ connection: c }: { connection: TConnection }) {
  const items: Array<[string, ReactNode]> = [
    ["Destination tables", <code key="t" className="font-mono text-xs">{c.namespace}.{c.tablePrefix}&lt;topic&gt;</code>],
    ["Runs", "continuously in the workers while started; the run history has one entry per hour"],
    ["Loading", <span key="l">every message once, merged on <code className="font-mono text-xs">_weir_topic, _weir_partition, _weir_offset</code></span>],
    ["Created", c.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 p-4 text-sm" data-testid="connection-settings">
      {items.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
