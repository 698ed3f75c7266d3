/**
 * POST /api/v1/dbt/import: a dbt project's artifacts from CI or a script.
 * Body (JSON): { destinationId, manifest, runResults? } with the two files'
 * contents. Needs the engineer role.
 */
import { apiRoute } from "@/server/api/api-route";
import { ZDbtImportInput, importDbtProject } from "@/server/transforms/dbt-import";

export const POST = apiRoute("engineer", async (req, ctx) => {
  const body: unknown = await req.json().catch(() => undefined);
  const parsed = ZDbtImportInput.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return Response.json(
      { error: `${issue.path.join(".") || "body"}: ${issue.message}. Send JSON: { "destinationId": "…", "manifest": {…}, "runResults": {…} }.` },
      { status: 400 },
    );
  }
  const user = ctx.user!;
  return Response.json(await importDbtProject(parsed.data, { id: user.id, email: user.email }, ctx.requestId));
});
