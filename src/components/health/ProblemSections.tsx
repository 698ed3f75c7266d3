"use client";
/**
 * The lists behind the counters: each broken thing with what is wrong,
 * when, a link to it and what can be done about it. With a counter chosen,
 * only its list, whole; otherwise every list that has something in it, the
 * first few of each.
 */
import Link from "next/link";
import type { TShow, TSummary } from "@/components/health/HealthCounters";
import { ProblemActions } from "@/components/health/ProblemActions";
import { OVERVIEW_ITEMS, useFirstItems } from "@/components/health/useFirstItems";
import { Panel } from "@/components/ui/Panel";
import { PanelCount } from "@/components/ui/PanelCount";
import { PanelNote } from "@/components/ui/PanelNote";
import { formatTime } from "@/lib/run-format";

type TSection = { show: TShow | "running"; title: string; items: TSummary["failingConnections"]; empty: string; problem: boolean };

function sectionsOf(s: TSummary): TSection[] {
  return [
    {
      show: "failing-connections",
      title: "Failing connections",
      items: s.failingConnections,
      empty: "Every connection's latest run succeeded.",
      problem: true,
    },
    { show: "failing-models", title: "Failing models", items: s.failingModels, empty: "Every model's latest build succeeded.", problem: true },
    { show: "failing-checks", title: "Failing error checks", items: s.failingChecks, empty: "Every error check passes.", problem: true },
    { show: "open-incidents", title: "Open incidents", items: s.openIncidents, empty: "No open incident.", problem: true },
    {
      show: "freshness",
      title: "Past their freshness deadline",
      items: s.freshnessBreaches,
      empty: "Every dataset with a deadline is on time.",
      problem: true,
    },
    {
      show: "lagging-streams",
      title: "Lagging streams",
      items: s.laggingStreams,
      empty: `No stream is more than ${s.lagThreshold.toLocaleString("en-US")} messages behind.`,
      problem: true,
    },
    { show: "running", title: "Running now", items: s.runningRuns, empty: "No batch run is running.", problem: false },
  ];
}

export function ProblemSections({ summary, show, canAct, onChanged }: { summary: TSummary; show: TShow | null; canAct: boolean; onChanged: () => void }) {
  const sections = sectionsOf(summary).filter((s) => (show ? s.show === show : s.items.length > 0));
  const allGood = !show && !sections.some((s) => s.problem);
  if (!sections.length && !allGood) return null;
  return (
    <div className="space-y-4">
      {allGood ? (
        <p className="rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900" data-testid="health-all-good">
          Nothing is broken: every latest run, build and error check passed, no dataset is late and no stream lags.
        </p>
      ) : null}
      {sections.map((section) => (
        <ProblemSection key={section.show} section={section} limit={show ? null : OVERVIEW_ITEMS} canAct={canAct} onChanged={onChanged} />
      ))}
    </div>
  );
}

function ProblemSection({ section, limit, canAct, onChanged }: { section: TSection; limit: number | null; canAct: boolean; onChanged: () => void }) {
  const { shown, toggle } = useFirstItems(section.items, limit);
  return (
    <Panel
      title={
        <>
          {section.title} <PanelCount>({section.items.length})</PanelCount>
        </>
      }
      testId={`problems-${section.show}`}
    >
      {section.items.length === 0 ? (
        <PanelNote>{section.empty}</PanelNote>
      ) : (
        <ul className="divide-y divide-slate-100">
          {shown.map((p) => (
            <li key={p.key} className="flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-2.5" data-testid="problem" data-key={p.key}>
              <div className="min-w-0 flex-1">
                <Link href={p.href} className="font-medium text-slate-900 hover:underline">
                  {p.label}
                </Link>
                <p className={`line-clamp-2 text-sm ${section.problem ? "text-red-800" : "text-slate-600"}`} title={p.detail}>
                  {p.detail}
                </p>
              </div>
              <span className="whitespace-nowrap text-xs text-slate-500">{p.at ? formatTime(p.at) : ""}</span>
              {canAct && p.actions.length ? <ProblemActions actions={p.actions} onDone={onChanged} /> : null}
            </li>
          ))}
        </ul>
      )}
      {toggle}
    </Panel>
  );
}
