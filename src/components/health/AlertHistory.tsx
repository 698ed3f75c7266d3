"use client";
/**
 * Every alert, firing and resolved, newest first, with each message sent
 * to each channel and each try's outcome.
 */
import { AlertTarget } from "@/components/health/AlertTarget";
import { Badge } from "@/components/ui/Badge";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
import { formatTime } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

export function AlertHistory() {
  const alerts = trpc.alert.list.useQuery({ status: "all", limit: 100 }, { refetchInterval: 10_000 });
  return (
    <QueryPanel query={alerts} title="History" testId="alert-history" empty={<PanelNote>No alert has fired yet.</PanelNote>}>
      {(list) => (
        <ul className="divide-y divide-slate-100">
          {list.map((a) => (
            <li key={a.id} className="px-4 py-2.5 text-sm" data-testid="alert-history-row" data-status={a.status}>
              <p>
                <Badge tone={a.status === "firing" ? "danger" : "success"} className="mr-2">
                  {a.status}
                </Badge>
                <AlertTarget href={a.href} label={a.targetLabel} rule={a.ruleName} />
                <span className="ml-2 text-xs text-slate-500">
                  {formatTime(a.firedAt)}
                  {a.resolvedAt ? ` → ${formatTime(a.resolvedAt)}` : ""}
                </span>
              </p>
              <p className="text-xs text-slate-600">{a.message}</p>
              {a.deliveries.length ? (
                <ul className="mt-1 space-y-0.5 text-xs">
                  {a.deliveries.map((d) => (
                    <li key={d.id} data-testid="delivery" data-status={d.status} data-event={d.event}>
                      <span className={d.status === "sent" ? "text-emerald-700" : d.status === "failed" ? "text-red-700" : "text-slate-600"}>
                        {d.event} → {d.channel}: {d.status}
                      </span>
                      {d.tries.length ? ` after ${d.tries.length} ${d.tries.length === 1 ? "try" : "tries"}` : ""}
                      {d.lastError && d.status !== "sent" ? <span className="text-red-700"> ({d.lastError})</span> : null}
                      {d.tries.some((t) => !t.ok) && d.status === "sent" ? (
                        <span className="text-slate-500">
                          {" "}
                          (earlier:{" "}
                          {d.tries
                            .filter((t) => !t.ok)
                            .map((t) => t.error)
                            .join("; ")}
                          )
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </QueryPanel>
  );
}
