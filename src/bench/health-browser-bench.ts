/**
 * The health page in Chromium (Playwright): signs in as the admin, then
 * loads /health again and again and measures, in the page, the time from
 * navigation start to the whole page rendered with data: the counters, the
 * blocked panel, the timeline and the charts each report data-ready="true"
 * and every chart has drawn its SVG. A MutationObserver installed before
 * any page script notes the first moment that holds, with performance.now(),
 * so Playwright's polling adds nothing. Each load also reports when the
 * HTML arrived and when the page's tRPC requests started and answered, so
 * server time and render time can be told apart. Reference, same browser
 * and session, measured before each load: the load event of `/`.
 */
import type { Browser, Page } from "@playwright/test";

import { homeLoadMs, launchBenchBrowser, signIn } from "@/bench/bench-browser";

/** A string, not a function: tsx would wrap named inner functions in a helper the page does not have. */
const READY_SCRIPT = `
window.__healthReady = null;
const healthReady = () => {
  const dash = document.querySelector('[data-testid="health-dashboard"]');
  if (!dash || !dash.getAttribute("data-updated-at") || !document.querySelector('[data-testid="health-counters"]')) return false;
  for (const id of ["blocked-panel", "run-timeline", "health-charts"]) {
    const el = document.querySelector('[data-testid="' + id + '"]');
    if (!el || el.getAttribute("data-ready") !== "true") return false;
  }
  const charts = document.querySelectorAll('[data-testid="health-charts"] .recharts-responsive-container');
  if (!charts.length) return false;
  for (const c of charts) if (!c.querySelector("svg.recharts-surface")) return false;
  return true;
};
const healthObserver = new MutationObserver(() => {
  if (window.__healthReady === null && location.pathname === "/health" && healthReady()) {
    window.__healthReady = performance.now();
    healthObserver.disconnect();
  }
});
healthObserver.observe(document, { subtree: true, childList: true, attributes: true });
`;

/** The page's tRPC requests: when the first started and the last answered (ms since navigation start). */
const TRPC_REQUESTS = `(() => { const r = performance.getEntriesByType("resource").filter((e) => e.name.includes("/api/trpc/")); return r.length ? { start: Math.min(...r.map((e) => e.startTime)), end: Math.max(...r.map((e) => e.responseEnd)), count: r.length } : null; })()`;

export type THealthPageRun = { readyMs: number; htmlMs: number; requests: { start: number; end: number; count: number } | null; failingConnections: number };
export type THealthPageResults = { unavailable?: string; runs: THealthPageRun[]; home: number[] };

async function openHealth(page: Page, timeoutMs: number): Promise<THealthPageRun | null> {
  await page.goto("/health", { waitUntil: "commit" });
  try {
    const readyMs = (await (await page.waitForFunction(`window.__healthReady`, null, { timeout: timeoutMs })).jsonValue()) as number;
    const htmlMs = (await page.evaluate(`performance.getEntriesByType("navigation")[0].responseEnd`)) as number;
    const requests = (await page.evaluate(TRPC_REQUESTS)) as THealthPageRun["requests"];
    const failingConnections = Number(await page.getByTestId("health-count-failing-connections").getAttribute("data-count"));
    return { readyMs, htmlMs, requests, failingConnections };
  } catch {
    return null;
  }
}

export async function benchHealthPage(opts: {
  baseURL: string;
  admin: { email: string; password: string };
  loads: number;
  log: (line: string) => void;
  screenshot?: string;
}): Promise<THealthPageResults> {
  let browser: Browser | undefined;
  try {
    browser = await launchBenchBrowser(opts.log);
    const context = await browser.newContext({ baseURL: opts.baseURL, viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: READY_SCRIPT });
    const page = await context.newPage();
    await signIn(page, opts.admin.email, opts.admin.password);
    // Warm-up: the first open may wait for the app's chunks.
    await homeLoadMs(page);
    if (!(await openHealth(page, 60_000))) return { unavailable: "the health page did not render with data within 60 s", runs: [], home: [] };
    const results: THealthPageResults = { runs: [], home: [] };
    for (let i = 0; i < opts.loads; i++) {
      results.home.push(await homeLoadMs(page));
      const run = await openHealth(page, 30_000);
      if (run) results.runs.push(run);
      else opts.log("  health page: not rendered with data within 30 s");
    }
    if (opts.screenshot) {
      await page.screenshot({ path: opts.screenshot, fullPage: true });
      opts.log(`  screenshot of the last load: ${opts.screenshot}`);
    }
    return results;
  } catch (e) {
    return { unavailable: `the browser part failed: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`, runs: [], home: [] };
  } finally {
    await browser?.close().catch(() => undefined);
  }
}
