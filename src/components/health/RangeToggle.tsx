"use client";
/**
 * The "24 h / 7 d" window switch of the timeline and the charts: two pressed
 * or unpressed small buttons in a labelled group; `active` false (a zoomed
 * timeline) presses neither.
 */
import type { ReactNode } from "react";
import { Button } from "@/components/ui/Button";

export type TRange = "24h" | "7d";

type TProps = { value: TRange; onChange: (r: TRange) => void; label: string; active?: boolean; testIdPrefix?: string; children?: ReactNode };

export function RangeToggle({ value, onChange, label, active = true, testIdPrefix, children }: TProps) {
  return (
    <div className="flex gap-1" role="group" aria-label={label}>
      {(["24h", "7d"] as const).map((r) => (
        <Button
          key={r}
          variant={active && value === r ? "primary" : "secondary"}
          size="xs"
          onClick={() => onChange(r)}
          aria-pressed={active && value === r}
          testId={testIdPrefix ? `${testIdPrefix}-${r}` : undefined}
        >
          {r === "24h" ? "24 h" : "7 d"}
        </Button>
      ))}
      {children}
    </div>
  );
}
