// GET /api/health — public: database, migrations, workers.
import { apiRoute } from "@/server/api/api-route";
import { healthReport } from "@/server/observability/health";

export const dynamic = "force-dynamic";

export const GET = apiRoute("public", async () => {
  const report = await healthReport();
  return Response.json(report, { status: report.status === "down" ? 503 : 200 });
});
