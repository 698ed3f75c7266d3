// GET /api/metrics — public Prometheus scrape endpoint (counts only, no data).
import { apiRoute } from "@/server/api/api-route";
import { metricsRegistry } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

export const GET = apiRoute("public", async () => {
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
