/**
 * Catalog and lineage for an analyst, after the demo pipeline has run:
 * search "orders", open the gold revenue mart, see its upstream chain back
 * to the source tables, follow `revenue` back to the order_items columns at
 * column level, and see PII masked in a preview.
 */
import { expect, type Page, test } from "@playwright/test";
import { signIn, signOut, trpcCall, uniqueEmail, weirRun } from "../support/weir";

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/.output/screens/catalog-${name}.png`, fullPage: true });

type TSearch = { result: { data: { json: { items: { id: string; name: string; kind: string; lastUpdatedAt: string | null }[] } } } };

/** Waits until the demo's first pipeline has built the gold mart (the start-up runs it within a minute). */
async function waitForDemoPipeline(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const input = encodeURIComponent(JSON.stringify({ json: { q: "daily_revenue" } }));
        const res = await page.request.get(`/api/trpc/catalog.search?input=${input}`);
        if (!res.ok()) return `HTTP ${res.status()}`;
        const body = (await res.json()) as TSearch;
        const gold = body.result.data.json.items.find((i) => i.name === "gold.daily_revenue");
        return gold?.lastUpdatedAt ? "built" : "not yet";
      },
      { timeout: 180_000, intervals: [1_000] },
    )
    .toBe("built");
}

test("an analyst finds the gold revenue mart, follows its lineage to the source columns, and sees PII masked", async ({ page }) => {
  test.setTimeout(300_000);
  const { admin } = weirRun();
  const analyst = { email: uniqueEmail("catalog-analyst"), password: "analyst-password-1" };

  await signIn(page, admin.email, admin.password);
  const created = await page.request.post("/api/trpc/user.create", {
    data: { json: { email: analyst.email, name: "Cat Analyst", role: "analyst", password: analyst.password } },
  });
  expect(created.status()).toBe(200);
  await waitForDemoPipeline(page);
  await signOut(page);

  await signIn(page, analyst.email, analyst.password);
  // 1. Search "orders": the silver orders model ranks first; the gold mart matches by its `orders` column.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Catalog" }).click();
  await page.getByTestId("catalog-search").fill("orders");
  const results = page.getByTestId("catalog-result");
  await expect(results.first()).toContainText("orders");
  await expect(page.getByTestId("catalog-result").filter({ hasText: "daily_revenue" })).toHaveCount(1);
  await shot(page, "search-orders");

  // 2. The gold revenue dataset: schema, quality, its upstream at a glance.
  await page.getByTestId("catalog-result").filter({ hasText: "daily_revenue" }).getByRole("link", { name: "daily_revenue" }).first().click();
  await expect(page).toHaveURL(/\/catalog\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("dataset-title")).toHaveText("daily_revenue");
  await expect(page.locator('[data-testid="dataset-column"][data-column="revenue"]')).toContainText("Sum of order amounts.");
  await expect(page.getByTestId("upstream-list")).toContainText("orders");
  await expect(page.getByTestId("upstream-list")).toContainText("customers");
  await shot(page, "dataset-gold");

  // 3. The explorer: the chain back to the source tables, at table level.
  await page.getByTestId("open-explorer").click();
  await expect(page).toHaveURL(/\/lineage\?dataset=/);
  const graph = page.getByTestId("lineage-graph");
  await expect(graph).toHaveAttribute("data-layout-state", "ready");
  await page.getByTestId("lineage-depth").selectOption("3");
  await expect(graph).toHaveAttribute("data-layout-state", "ready");
  const node = (name: string) => page.locator(`[data-testid="lineage-node"][data-name="${name}"]`);
  for (const name of ["daily_revenue", "orders", "customers", "shop_orders", "shop_order_items", "shop_customers", "order_items"]) {
    await expect(node(name).first(), `node ${name}`).toBeVisible();
  }
  await shot(page, "explorer-tables");

  // 4. Column level: revenue ← orders.amount ← order_items.quantity, unit_price.
  await page.getByTestId("column-mode").click();
  await expect(graph).toHaveAttribute("data-layout-state", "ready");
  const column = (nodeName: string, col: string) => page.locator(`[data-testid="lineage-column"][data-node="${nodeName}"][data-column="${col}"]`);
  await column("daily_revenue", "revenue").click();
  await expect(column("daily_revenue", "revenue")).toHaveAttribute("data-highlighted", "true");
  // Column level at depth 3 is taller than the screen and only what is in view is rendered: fit it all in.
  await page.getByRole("button", { name: "fit view" }).click();
  await expect(column("orders", "amount")).toHaveAttribute("data-highlighted", "true");
  await expect(column("shop_order_items", "unit_price")).toHaveAttribute("data-highlighted", "true");
  await expect(column("shop_order_items", "quantity")).toHaveAttribute("data-highlighted", "true");
  await expect(column("order_items", "unit_price")).toHaveAttribute("data-highlighted", "true");
  // and nothing off the path: no customer e-mail column (silver, bronze or source) lights up
  await expect(page.locator('[data-testid="lineage-column"][data-column="email"]').first()).toBeAttached();
  await expect(page.locator('[data-testid="lineage-column"][data-column="email"][data-highlighted="true"]')).toHaveCount(0);
  await shot(page, "explorer-columns");

  // 5. A preview of the silver customers: e-mail addresses and names are PII, masked for an analyst.
  await page.goto("/catalog");
  await page.getByTestId("catalog-search").fill("customers");
  await expect(page).toHaveURL(/[?&]q=customers/);
  // A controlled checkbox: click, then wait for the state (check() fails when React re-renders it a moment later, seen under load).
  await page.getByTestId("facet-layer-silver").click();
  await expect(page.getByTestId("facet-layer-silver")).toBeChecked();
  await page.getByTestId("catalog-result").getByRole("link", { name: "customers", exact: true }).first().click();
  await expect(page.getByTestId("dataset-title")).toHaveText("customers");
  await expect(page.locator('[data-testid="dataset-column"][data-column="email"]')).toContainText("PII");
  await page.getByTestId("load-preview").click();
  const preview = page.getByTestId("dataset-preview");
  await expect(preview).toBeVisible();
  await expect(page.getByTestId("preview-masked-note")).toBeVisible();
  await expect(preview).toContainText("•••");
  await expect(preview).not.toContainText("@");
  await shot(page, "preview-masked");

  // The server masks, whatever the page shows: the API answer holds no address either.
  const id = new URL(page.url()).pathname.split("/").pop()!;
  const api = await page.request.get(`/api/trpc/catalog.preview?input=${encodeURIComponent(JSON.stringify({ json: { id } }))}`);
  expect(api.status()).toBe(200);
  expect(await api.text()).not.toContain("@");
});

test("a producer's event cannot rewrite a dataset Weir builds; the page says who set each fact and what the producer reported", async ({ page }) => {
  test.setTimeout(300_000);
  const { admin } = weirRun();
  await signIn(page, admin.email, admin.password);
  await waitForDemoPipeline(page);
  const { token } = await trpcCall<{ token: string }>(page, "apiToken.create", { name: `e2e-producer-${Date.now()}`, scopes: ["lineage:write"] });
  const found = await trpcCall<{ items: { id: string; namespace: string; name: string }[] }>(
    page,
    "catalog.search",
    { q: "customers", layer: ["silver"] },
    "query",
  );
  const customers = found.items.find((i) => i.name === "silver.customers")!;

  const forged = {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: "https://example.com/rogue-etl",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: "0193d2a0-0000-7000-8000-00000000e2e1" },
    job: { namespace: "rogue", name: "rewrite_customers" },
    inputs: [{ namespace: "rogue", name: "fake.upstream" }],
    outputs: [
      {
        namespace: customers.namespace,
        name: customers.name,
        facets: {
          documentation: {
            _producer: "https://example.com/rogue-etl",
            _schemaURL: "https://openlineage.io/spec/facets/1-0-1/DocumentationDatasetFacet.json#/$defs/DocumentationDatasetFacet",
            description: "FORGED description",
          },
          rogue_sla: { _producer: "https://example.com/rogue-etl", _schemaURL: "https://example.com/sla.json", minutes: 30 },
        },
      },
    ],
  };
  const answer = await page.request.post("/api/v1/lineage", { headers: { authorization: `Bearer ${token}` }, data: forged });
  expect(answer.status()).toBe(201);
  expect(((await answer.json()) as { ignored: string[] }).ignored.join(" ")).toContain("silver.customers is Weir's");

  await page.goto(`/catalog/${customers.id}`);
  await expect(page.getByTestId("dataset-title")).toHaveText("customers");
  await expect(page.getByTestId("dataset-about")).not.toContainText("FORGED");
  await expect(page.getByTestId("schema-source")).toContainText("Set by Weir");
  await expect(page.getByTestId("reported-facets")).toContainText("rogue_sla");
  await expect(page.getByTestId("reported-facets")).toContainText("reported by https://example.com/rogue-etl");
  await expect(page.locator('[data-testid="dataset-column"][data-column="email"]')).toContainText("PII");
  // Only an admin removes a PII flag: the box is live for the admin, and the upstream list has no forged input.
  await expect(page.getByTestId("pii-email")).toBeEnabled();
  await expect(page.getByTestId("upstream-list")).not.toContainText("fake.upstream");
  await shot(page, "dataset-provenance");
});
