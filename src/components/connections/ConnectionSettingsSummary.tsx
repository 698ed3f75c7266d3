/**
 * A connection's settings, read-only: where its tables land, when it runs
 * and what a schema change does; for a streaming connection, that it runs
 * continuously and how messages land.
 */
import type { ReactNode } from "react";
import { KeyValueList } from "@/components/ui/KeyValueList";
import type { RouterOutputs } from "@/components/trpc/trpc-react";

type TConnection = RouterOutputs["connection"]["get"];

const POLICY: Record<TConnection["schemaChangePolicy"], string> = {
  propagate: "propagate new columns to the destination",
  pause: "pause the connection for review",
  ignore: "ignore the change, keep the accepted columns",
};

export function ConnectionSettingsSummary({ connection: c }: { connection: TConnection }) {
  const runs: Array<[string, ReactNode]> = c.streaming
    ? [
        ["Runs", "continuously in the workers while started; the run history has one entry per hour"],
        [
          "Loading",
          <span key="l">
            every message once, merged on <code className="font-mono text-xs">_weir_topic, _weir_partition, _weir_offset</code>
          </span>,
        ],
      ]
    : [
        [
          "Schedule",
          c.schedule ? (
            <span key="s">
              <code className="font-mono text-xs">{c.schedule}</code> <span className="text-slate-500">(UTC)</span>
            </span>
          ) : (
            "manual only"
          ),
        ],
        ["On schema change", POLICY[c.schemaChangePolicy]],
      ];
  const items: Array<[string, ReactNode]> = [
    [
      "Destination tables",
      <code key="t" className="font-mono text-xs">
        {c.namespace}.{c.tablePrefix}&lt;{c.streaming ? "topic" : "stream"}&gt;
      </code>,
    ],
    ...runs,
    ["Created", c.createdAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })],
  ];
  return <KeyValueList items={items} className="gap-x-6 gap-y-2 p-4 text-sm" testId="connection-settings" />;
}
