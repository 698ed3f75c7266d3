// GET /api/metrics — Prometheus scrape endpoint. It counts users per role, so it is not public: an API token with
// the metrics:read scope (Authorization: Bearer, what Prometheus sends) or an admin's session; anonymous gets 401.
import { apiRoute } from "@/server/api/api-route";
import { metricsRegistry } from "@/server/observability/metrics";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  "admin",
  async () => {
    const registry = metricsRegistry();
    return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
  },
  { tokenScope: "metrics:read" },
);
