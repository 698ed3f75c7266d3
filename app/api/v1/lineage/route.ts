/**
 * OpenLineage API (as Marquez serves it; src/server/lineage/lineage-api.ts).
 * POST: one RunEvent, plain or gzip-compressed, at most 16 MB once
 * decompressed; an API token with lineage:write, or an engineer's session.
 * GET ?nodeId=dataset:<namespace>:<name> or job:<namespace>:<name>
 * &depth=1..5: the graph around it; a token with lineage:read, or any
 * signed-in user.
 */
import { apiRoute } from "@/server/api/api-route";
import { MAX_EVENT_BYTES, lineageAround, receiveRunEvent } from "@/server/lineage/lineage-api";
import { ZLineageApiQuery } from "@/server/lineage/lineage-contracts";
import { readBody } from "@/server/lineage/request-body";

export const POST = apiRoute(
  "engineer",
  async (req, ctx) => {
    const body = await readBody(req, MAX_EVENT_BYTES);
    if (!body.ok) return Response.json({ error: body.error }, { status: body.status });
    const result = await receiveRunEvent(body.text, ctx.token ? `token:${ctx.token.name}` : `user:${ctx.user!.email}`, ctx.token?.namespaces ?? []);
    if (result.status === 201) {
      ctx.log.info({ runId: result.body.runId, datasets: result.body.datasets }, "OpenLineage event stored");
      // A producer stating facts of Weir's own datasets is either confused or forging: said where admins look.
      if (result.body.ignored.length)
        ctx.log.warn({ runId: result.body.runId, ignored: result.body.ignored.slice(0, 20) }, "OpenLineage event: facts about Weir's datasets not applied");
    } else if (result.status === 403) ctx.log.warn({ error: result.body.error }, "OpenLineage event refused");
    return Response.json(result.body, { status: result.status });
  },
  { tokenScope: "lineage:write" },
);

export const GET = apiRoute(
  "viewer",
  async (req) => {
    const params = new URL(req.url).searchParams;
    const parsed = ZLineageApiQuery.safeParse({ nodeId: params.get("nodeId") ?? undefined, depth: params.get("depth") ?? undefined });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      return Response.json({ error: `${issue.path.join(".")}: ${issue.message}` }, { status: 400 });
    }
    return Response.json(await lineageAround(parsed.data.nodeId, parsed.data.depth));
  },
  { tokenScope: "lineage:read" },
);
