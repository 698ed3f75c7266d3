/**
 * The lineage explorer in Chromium (Playwright): signs in as the admin, then
 * for each given dataset navigates to /lineage?dataset=<id>&depth=2 and
 * measures, in the page, the time from navigation start (performance's time
 * origin) to the graph container reporting data-layout-state="ready" (laid
 * out and painted); then clicks a node's expand button and measures from
 * the click to the next "ready" after a "pending". A MutationObserver
 * installed before any page script records every state change with
 * performance.now(), so Playwright's polling adds nothing to the figures.
 * References, same browser and session: the load event of / (the
 * Overview, a page of the same app shell that asks for no data), and for an expansion the one tRPC
 * request it makes, fetched from the page.
 */
import type { Browser, ElementHandle, Page } from "@playwright/test";

import { homeLoadMs, launchBenchBrowser, signIn } from "@/bench/bench-browser";
import type { TGraphNode } from "@/bench/catalog-lineage-seed";

/** Strings, not functions: tsx would wrap named inner functions in a helper the page does not have. */
const MARKS_SCRIPT = `
window.__lineageMarks = [];
let lastMark = "";
new MutationObserver(() => {
  const g = document.querySelector('[data-testid="lineage-graph"]');
  const state = g ? g.getAttribute("data-layout-state") : "none";
  const count = g ? Number(g.getAttribute("data-node-count") || 0) : 0;
  if (state + ":" + count !== lastMark) {
    lastMark = state + ":" + count;
    window.__lineageMarks.push({ t: performance.now(), state, count });
  }
}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-layout-state", "data-node-count"] });
`;
const FIRST_READY = `(window.__lineageMarks || []).find((m) => m.state === "ready") || null`;
const READY_AFTER = (t0: number) =>
  `(() => { const m = window.__lineageMarks.filter((x) => x.t >= ${t0}); const i = m.findIndex((x) => x.state !== "ready"); return i < 0 ? null : m.slice(i).find((x) => x.state === "ready") || null; })()`;

/** The lineage.graph requests the page made since `t0`: when the first started and the last answered (ms since navigation start). */
const GRAPH_REQUESTS = (t0: number) =>
  `(() => { const r = performance.getEntriesByType("resource").filter((e) => e.name.includes("lineage.graph") && e.startTime >= ${t0}); return r.length ? { start: r[0].startTime, end: Math.max(...r.map((e) => e.responseEnd)) } : null; })()`;

type TMark = { t: number; state: string; count: number };
type TRequestSpan = { start: number; end: number } | null;

export type TExplorerRun = {
  dataset: string;
  nodes: number;
  firstRenderMs: number;
  /** When the HTML had arrived, and when the graph request started and answered (ms since navigation start). */
  htmlMs: number;
  graphRequest: TRequestSpan;
  expand?: { side: string; ms: number; fetchMs: number; nodesAfter: number; request: TRequestSpan } | { error: string };
};

export type TExplorerResults = {
  /** Why nothing was measured, when the explorer could not be used. */
  unavailable?: string;
  runs: TExplorerRun[];
  /** Load events of `/`, the reference. */
  home: number[];
};

/** Navigates to the explorer and waits for its first "ready"; null when no graph container appeared within `timeoutMs`. */
async function openExplorer(page: Page, datasetId: string, timeoutMs: number): Promise<TMark | null> {
  await page.goto(`/lineage?dataset=${datasetId}&depth=2`, { waitUntil: "commit" });
  try {
    const handle = await page.waitForFunction(FIRST_READY, null, { timeout: timeoutMs });
    return (await handle.jsonValue()) as TMark;
  } catch {
    const error = await page
      .getByTestId("lineage-error")
      .textContent({ timeout: 100 })
      .catch(() => null);
    if (error) throw new Error(`The explorer showed an error for ${datasetId}: ${error}`);
    return null;
  }
}

/** An expand button on a node other than the center: downstream first (further from the center's upstream side). */
async function pickExpandButton(page: Page): Promise<{ button: ElementHandle; side: string; datasetId: string } | null> {
  for (const side of ["downstream", "upstream"]) {
    const buttons = await page.$$(`[data-testid="lineage-node"]:not([data-center]) [data-testid="expand-${side}"]:not([disabled])`);
    for (const button of buttons) {
      const datasetId = await button.evaluate((el) => el.closest('[data-testid="lineage-node"]')?.getAttribute("data-id") ?? "");
      if (datasetId) return { button, side, datasetId };
    }
  }
  return null;
}

async function expandOnce(page: Page): Promise<NonNullable<TExplorerRun["expand"]>> {
  const picked = await pickExpandButton(page);
  if (!picked) return { error: "no expand button on a visible node" };
  const t0 = await picked.button.evaluate((el) => {
    const t = performance.now();
    (el as HTMLElement).click();
    return t;
  });
  let mark: TMark;
  try {
    mark = (await (await page.waitForFunction(READY_AFTER(t0), null, { timeout: 15_000 })).jsonValue()) as TMark;
  } catch {
    return { error: `no pending → ready within 15 s after expanding ${picked.side}` };
  }
  const request = (await page.evaluate(GRAPH_REQUESTS(t0))) as TRequestSpan;
  // The reference: the request this expansion made, alone, from the same page and session.
  const input = encodeURIComponent(JSON.stringify({ json: { datasetId: picked.datasetId, depth: 1, direction: picked.side, columns: false } }));
  const fetchMs = (await page.evaluate(
    `(async () => { const t = performance.now(); const r = await fetch("/api/trpc/lineage.graph?input=${input}"); await r.text(); return performance.now() - t; })()`,
  )) as number;
  return { side: picked.side, ms: mark.t - t0, fetchMs, nodesAfter: mark.count, request: request && { start: request.start - t0, end: request.end - t0 } };
}

export async function benchExplorer(opts: {
  baseURL: string;
  admin: { email: string; password: string };
  datasets: readonly TGraphNode[];
  log: (line: string) => void;
}): Promise<TExplorerResults> {
  const { baseURL, admin, datasets, log } = opts;
  let browser: Browser | undefined;
  try {
    browser = await launchBenchBrowser(log);
    const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: MARKS_SCRIPT });
    const page = await context.newPage();
    await signIn(page, admin.email, admin.password);
    // Warm-up, and the check that the explorer exists: the first open may wait for the app's chunks.
    await homeLoadMs(page);
    const first = await openExplorer(page, datasets[0]!.id, 30_000);
    if (!first) {
      const hasGraph = await page.locator('[data-testid="lineage-graph"]').count();
      return {
        unavailable: hasGraph
          ? 'the explorer\'s graph container never reported data-layout-state="ready" within 30 s'
          : "no [data-testid=lineage-graph] on /lineage?dataset=…&depth=2 within 30 s (the explorer is not there yet)",
        runs: [],
        home: [],
      };
    }
    const results: TExplorerResults = { runs: [], home: [] };
    for (const dataset of datasets) {
      results.home.push(await homeLoadMs(page));
      const ready = await openExplorer(page, dataset.id, 30_000);
      if (!ready) {
        log(`  explorer: ${dataset.name} did not reach "ready" within 30 s`);
        continue;
      }
      const htmlMs = (await page.evaluate(`performance.getEntriesByType("navigation")[0].responseEnd`)) as number;
      const graphRequest = (await page.evaluate(GRAPH_REQUESTS(0))) as TRequestSpan;
      const run: TExplorerRun = { dataset: dataset.name, nodes: ready.count, firstRenderMs: ready.t, htmlMs, graphRequest };
      run.expand = await expandOnce(page);
      results.runs.push(run);
    }
    return results;
  } catch (e) {
    return { unavailable: `the browser part failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, runs: [], home: [] };
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
