"use client";
/**
 * Alerts firing now, with who was told and how it went; engineers
 * acknowledge (reminders stop) or snooze (reminders pause) them here. The
 * overview lists the latest few; the "Firing alerts" counter opens them all.
 */
import Link from "next/link";
import { AlertTarget } from "@/components/health/AlertTarget";
import { useFirstItems } from "@/components/health/useFirstItems";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { PanelCount } from "@/components/ui/PanelCount";
import { PanelNote } from "@/components/ui/PanelNote";
import { QueryPanel } from "@/components/ui/QueryPanel";
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
    <QueryPanel
      query={alerts}
      title={
        <>
          Firing alerts{" "}
          <PanelCount>
            ({count}
            {count > rows.length && alerts.data ? `, the latest ${rows.length} listed` : ""})
          </PanelCount>
        </>
      }
      testId="firing-alerts"
      actions={
        <Link href="/health/alerts" className="text-sm text-slate-700 underline" data-testid="manage-alerts">
          Rules, channels and history
        </Link>
      }
      before={
        acknowledge.error || snooze.error ? (
          <div className="px-4 pt-3">
            <ErrorAlert message={(acknowledge.error ?? snooze.error)!.message} />
          </div>
        ) : null
      }
      empty={<PanelNote>No alert is firing.</PanelNote>}
      after={toggle}
    >
      {() => (
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
                  <p>
                    <AlertTarget href={a.href} label={a.targetLabel} rule={a.ruleName} />
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
                      <Button size="xs" onClick={() => acknowledge.mutate({ id: a.id })} disabled={acknowledge.isPending} testId="acknowledge-alert">
                        Acknowledge
                      </Button>
                    ) : null}
                    {SNOOZES.map((s) => (
                      <Button
                        key={s.minutes}
                        size="xs"
                        onClick={() => snooze.mutate({ id: a.id, minutes: s.minutes })}
                        disabled={snooze.isPending}
                        testId={`snooze-${s.minutes}`}
                      >
                        Snooze {s.label}
                      </Button>
                    ))}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </QueryPanel>
  );
}
