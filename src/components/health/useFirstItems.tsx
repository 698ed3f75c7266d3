"use client";
/**
 * The overview of the health page lists the first few of each list, so the
 * timeline and charts stay within reach on a bad night; a button under the
 * list shows the rest (and hides them again). `limit` null shows all.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";

/** How many of each list the overview shows before "Show all". */
export const OVERVIEW_ITEMS = 5;

export function useFirstItems<T>(items: readonly T[], limit: number | null): { shown: readonly T[]; toggle: React.ReactNode } {
  const [all, setAll] = useState(false);
  if (limit === null || items.length <= limit) return { shown: items, toggle: null };
  const toggle = (
    <Button
      variant="quiet"
      onClick={() => setAll(!all)}
      className="w-full border-t border-slate-100 px-4 py-2 text-left hover:bg-slate-50"
      aria-expanded={all}
      testId="show-all"
    >
      {all ? `Show the first ${limit} only` : `Show all ${items.length} (${items.length - limit} more)`}
    </Button>
  );
  return { shown: all ? items : items.slice(0, limit), toggle };
}
