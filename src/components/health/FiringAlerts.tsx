"use client";
/**
 * Alerts firing now, with who was told and how it went; engineers
 * acknowledge (reminders stop) or snooze (reminders pause) them here. The
 * overview lists the latest few; the "Firing alerts" counter opens them all.
 */
import Link from "next/link";
import { useFirstItems } from "@/components/health/useFirstItems";
import { formatTime } from "@/lib/run-format";
import { trpc } from "@/components/trpc/trpc-react";

/** The most an open page lists; the rest are in the history. */
const LISTED = 100;
const SNOOZES = [
  { minutes: 60, label: "1 h" },
  { minutes: 240, label: "4 h" },
  { minutes: 1440, label: "1 day" },
];

export function FiringAlerts({ canAct, refreshMs, total, limit }: { canAct: boolean; refreshMs: number; total: number | undefined; limit: number | null }) {
  const utils = trpc.useUtils();
  const alerts = trpc.alert.list.useQuery({ status: "firing", limit: LISTED }, { refetchInterval: refreshMs });
  const changed = () => Promise.all([utils.alert.list.invalidate(), utils.health.summary.invalidate()]);
  const acknowledge = trpc.alert.acknowledge.useMutation({ onSuccess: changed });
  const snooze = trpc.alert.snooze.useMutation({ onSuccess: changed });
  const rows = alerts.data ?? [];
  const { shown, toggle } = useFirstItems(rows, limit);
  const count = Math.max(total ?? 0, rows.length);
  return (
    <section className="rounded-lg border border-slate-200 bg-white" data-testid="firing-alerts">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">
          Firing alerts{" "}
          <span className="ml-1 text-sm font-normal text-slate-500">
            ({count}
            {count > rows.length && alerts.data ? `, the latest ${rows.length} listed` : ""})
          </span>
        </h2>
        <Link href="/health/alerts" className="text-sm text-slate-700 underline" data-testid="manage-alerts">
          Rules, channels and history
        </Link>
      </div>
      {alerts.error ? (
        <p role="alert" className="px-4 py-3 text-sm text-red-700">
          {alerts.error.message}
        </p>
      ) : null}
      {acknowledge.error || snooze.error ? (
        <p role="alert" className="px-4 py-2 text-sm text-red-700">
          {(acknowledge.error ?? snooze.error)!.message}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No alert is firing.</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {shown.map((a) => {
            const sent = a.deliveries.filter((d) => d.status === "sent").length;
            const failed = a.deliveries.filter((d) => d.status === "failed").length;
            return (
              <li
                key={a.id}
                className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-2.5"
                data-testid="firing-alert"
                data-target={a.targetKey}
                data-rule={a.ruleName}
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium">
                    {a.href ? (
                      <Link href={a.href} className="hover:underline">
                        {a.targetLabel}
                      </Link>
                    ) : (
                      a.targetLabel
                    )}{" "}
                    <span className="text-sm font-normal text-slate-500">— {a.ruleName}</span>
                  </p>
                  <p className="line-clamp-2 text-sm text-slate-700">{a.message}</p>
                  <p className="text-xs text-slate-500">
                    Since {formatTime(a.firedAt)} · {sent} message{sent === 1 ? "" : "s"} sent{failed ? `, ${failed} failed` : ""}
                    {a.acknowledgedAt ? ` · acknowledged by ${a.acknowledgedBy}` : ""}
                    {a.snoozedUntil && a.snoozedUntil > new Date() ? ` · snoozed until ${formatTime(a.snoozedUntil)}` : ""}
                  </p>
                </div>
                {canAct ? (
                  <span className="inline-flex flex-wrap items-center gap-1.5">
                    {!a.acknowledgedAt ? (
                      <button
                        type="button"
                        onClick={() => acknowledge.mutate({ id: a.id })}
                        disabled={acknowledge.isPending}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100"
                        data-testid="acknowledge-alert"
                      >
                        Acknowledge
                      </button>
                    ) : null}
                    {SNOOZES.map((s) => (
                      <button
                        key={s.minutes}
                        type="button"
                        onClick={() => snooze.mutate({ id: a.id, minutes: s.minutes })}
                        disabled={snooze.isPending}
                        className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
                        data-testid={`snooze-${s.minutes}`}
                      >
                        Snooze {s.label}
                      </button>
                    ))}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {toggle}
    </section>
  );
}
