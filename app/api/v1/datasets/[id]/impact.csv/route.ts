/**
 * GET /api/v1/datasets/<id>/impact.csv[?column=<name>]: the impact analysis
 * of a dataset (or one column) as CSV, for spreadsheets and change reviews.
 */
import { apiRoute } from "@/server/api/api-route";
import { ZImpactInput } from "@/server/catalog/catalog-contracts";
import { impactCsv } from "@/server/catalog/impact-csv";

export const GET = apiRoute("viewer", async (req) => {
  const url = new URL(req.url);
  const id = url.pathname.split("/").at(-2) ?? "";
  const parsed = ZImpactInput.safeParse({ id, column: url.searchParams.get("column") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json({ error: `${issue.path.join(".")}: ${issue.message}` }, { status: 400 });
  }
  const { filename, csv } = await impactCsv(parsed.data);
  return new Response(csv, { headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}"` } });
});
