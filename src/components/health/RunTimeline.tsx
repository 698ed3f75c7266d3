"use client";
/**
 * Runs of the last 24 h or 7 d on four lanes (syncs, streams, models,
 * checks), coloured by status. Drag across the chart to zoom in; "Reset"
 * goes back. Clicking a run opens it. A busy window comes from the server
 * as density per time slot with every failure drawn on top; zooming in
 * brings single runs back. Refreshes with the page.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { RangeToggle, type TRange } from "@/components/health/RangeToggle";
import { LANE_TITLES, TIMELINE_LANES, type TWindow, placeItems, placeSlots, statusColor, ticks, xOf, zoomTo } from "@/components/health/timeline-layout";
import { trpc } from "@/components/trpc/trpc-react";

const WIDTH = 1000;
const ROW = 34;
const TOP = 6;
const LABEL_W = 70;
const HEIGHT = TOP + ROW * TIMELINE_LANES.length + 20;

const windowOf = (range: TRange, now: number): TWindow => ({ from: new Date(now - (range === "24h" ? 24 : 168) * 3600_000), to: new Date(now) });

export function RunTimeline({ refreshMs }: { refreshMs: number }) {
  const router = useRouter();
  const [range, setRange] = useState<TRange>("24h");
  const [zoom, setZoom] = useState<TWindow | null>(null);
  const [drag, setDrag] = useState<{ x1: number; x2: number } | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  // The window moves with the clock each refresh, unless zoomed.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (zoom) return;
    const timer = setInterval(() => setNow(Date.now()), refreshMs);
    return () => clearInterval(timer);
  }, [zoom, refreshMs]);
  const w = useMemo(() => zoom ?? windowOf(range, now), [zoom, range, now]);
  const timeline = trpc.health.timeline.useQuery({ from: w.from, to: w.to }, { placeholderData: (prev) => prev });
  const data = timeline.data;
  const placed = useMemo(() => (data ? placeItems(data.items, w, WIDTH, new Date(now)) : []), [data, w, now]);
  const slots = useMemo(() => (data && data.mode === "slots" ? placeSlots(data.slots, data.slotCount, WIDTH) : []), [data]);

  const xAt = (clientX: number) => {
    const box = svg.current?.getBoundingClientRect();
    if (!box) return 0;
    return ((clientX - box.left) / box.width) * (WIDTH + LABEL_W) - LABEL_W;
  };
  const pick = (r: TRange) => {
    setRange(r);
    setZoom(null);
    setNow(Date.now());
  };

  return (
    <div data-testid="run-timeline" data-ready={data ? "true" : "false"}>
      <Panel
        title="Timeline"
        description={
          <span className="text-xs text-slate-500" data-testid="timeline-summary">
            {data
              ? `${data.total.toLocaleString("en-US")} runs${data.mode === "slots" ? " — drawn as density with every failure on top; drag to zoom for single runs" : " — drag across to zoom"}`
              : "Loading…"}
          </span>
        }
        actions={
          <RangeToggle value={range} onChange={pick} label="Window" active={!zoom} testIdPrefix="timeline-range">
            {zoom ? (
              <Button size="xs" onClick={() => setZoom(null)} testId="timeline-reset">
                Reset zoom
              </Button>
            ) : null}
          </RangeToggle>
        }
      >
        <ErrorAlert message={timeline.error?.message ?? null} />
        <svg
          ref={svg}
          viewBox={`${-LABEL_W} 0 ${WIDTH + LABEL_W} ${HEIGHT}`}
          className="block w-full select-none"
          role="img"
          aria-label="Runs by time and kind"
          onMouseDown={(e) => setDrag({ x1: xAt(e.clientX), x2: xAt(e.clientX) })}
          onMouseMove={(e) => drag && setDrag({ ...drag, x2: xAt(e.clientX) })}
          onMouseUp={() => {
            if (drag && Math.abs(drag.x2 - drag.x1) > 4) setZoom(zoomTo(w, drag.x1, drag.x2, WIDTH));
            setDrag(null);
          }}
          onMouseLeave={() => setDrag(null)}
        >
          {TIMELINE_LANES.map((lane, row) => (
            <g key={lane}>
              <rect x={0} y={TOP + row * ROW} width={WIDTH} height={ROW - 6} fill="#f8fafc" />
              <text x={-8} y={TOP + row * ROW + ROW / 2} textAnchor="end" className="fill-slate-600 text-[11px]">
                {LANE_TITLES[lane]}
              </text>
            </g>
          ))}
          {slots.map((s) => (
            <rect
              key={`${s.lane}-${s.x}-${s.status}`}
              x={s.x}
              y={TOP + s.row * ROW + 4}
              width={s.width}
              height={ROW - 14}
              fill={statusColor(s.status)}
              opacity={s.opacity * (s.status === "succeeded" || s.status === "passed" ? 0.6 : 1)}
            >
              <title>{`${s.count} ${s.status}`}</title>
            </rect>
          ))}
          {placed.map((p) => (
            <rect
              key={`${p.lane}-${p.id}`}
              x={p.x}
              y={TOP + p.row * ROW + 2}
              width={p.width}
              height={ROW - 10}
              rx={2}
              fill={statusColor(p.status)}
              className="cursor-pointer hover:opacity-70"
              data-testid="timeline-run"
              data-status={p.status}
              data-lane={p.lane}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => router.push(p.href)}
            >
              <title>{`${p.label}: ${p.status}, ${p.start.toLocaleString()}${p.end ? ` – ${p.end.toLocaleTimeString()}` : " (running)"}`}</title>
            </rect>
          ))}
          {ticks(w).map((t) => (
            <g key={t.getTime()}>
              <line x1={xOf(t, w, WIDTH)} x2={xOf(t, w, WIDTH)} y1={TOP} y2={TOP + ROW * TIMELINE_LANES.length - 6} stroke="#e2e8f0" />
              <text x={xOf(t, w, WIDTH)} y={HEIGHT - 4} textAnchor="middle" className="fill-slate-500 text-[10px]">
                {w.to.getTime() - w.from.getTime() > 36 * 3600_000
                  ? t.toLocaleDateString(undefined, { month: "short", day: "numeric" })
                  : t.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })}
              </text>
            </g>
          ))}
          {drag ? (
            <rect
              x={Math.min(drag.x1, drag.x2)}
              y={TOP}
              width={Math.abs(drag.x2 - drag.x1)}
              height={ROW * TIMELINE_LANES.length}
              fill="#0f172a"
              opacity={0.08}
            />
          ) : null}
        </svg>
        {data && data.mode === "items" && data.items.length === 0 ? <p className="px-4 pb-3 text-sm text-slate-500">No run in this window.</p> : null}
        <p className="px-4 pb-3 text-xs text-slate-500">
          Colours: <span style={{ color: statusColor("succeeded") }}>succeeded</span> · <span style={{ color: statusColor("failed") }}>failed</span> ·{" "}
          <span style={{ color: statusColor("blocked") }}>blocked</span> · <span style={{ color: statusColor("running") }}>running</span>. All runs:{" "}
          <Link href="/runs" className="underline">
            Runs
          </Link>
          ,{" "}
          <Link href="/models/runs" className="underline">
            model runs
          </Link>
          .
        </p>
      </Panel>
    </div>
  );
}
