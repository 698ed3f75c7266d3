/**
 * The procedures of sources and of destinations, built from one definition:
 * viewers read, engineers change and test.
 */
import { z } from "zod";
import { checkDraft, checkSaved } from "@/server/endpoints/check-endpoint";
import {
  ZCheckDraftInput,
  ZCheckOutput,
  ZConnectorInfo,
  ZCreateEndpointInput,
  ZEndpointIdInput,
  ZEndpointOutput,
  ZUpdateEndpointInput,
  type TEndpointKind,
} from "@/server/endpoints/endpoint-contracts";
import { connectorCatalog, createEndpoint, deleteEndpoint, getEndpointRow, listEndpoints, toOutput, updateEndpoint } from "@/server/endpoints/endpoint-store";
import { authedProcedure } from "@/server/trpc";

export function endpointProcedures(kind: TEndpointKind) {
  const viewer = authedProcedure("viewer");
  const engineer = authedProcedure("engineer");
  return {
    connectors: viewer.output(z.array(ZConnectorInfo)).query(() => connectorCatalog(kind)),
    list: viewer.output(z.array(ZEndpointOutput)).query(() => listEndpoints(kind)),
    get: viewer
      .input(ZEndpointIdInput)
      .output(ZEndpointOutput)
      .query(async ({ input }) => toOutput(kind, await getEndpointRow(kind, input.id))),
    create: engineer
      .input(ZCreateEndpointInput)
      .output(ZEndpointOutput)
      .mutation(({ ctx, input }) => createEndpoint(kind, input, ctx.user, ctx.requestId)),
    update: engineer
      .input(ZUpdateEndpointInput)
      .output(ZEndpointOutput)
      .mutation(({ ctx, input }) => updateEndpoint(kind, input, ctx.user, ctx.requestId)),
    delete: engineer
      .input(ZEndpointIdInput)
      .output(z.object({ ok: z.literal(true) }))
      .mutation(async ({ ctx, input }) => {
        await deleteEndpoint(kind, input.id, ctx.user, ctx.requestId);
        return { ok: true as const };
      }),
    checkDraft: engineer
      .input(ZCheckDraftInput)
      .output(ZCheckOutput)
      .mutation(({ input }) => checkDraft(kind, input)),
    check: engineer
      .input(ZEndpointIdInput)
      .output(ZCheckOutput)
      .mutation(({ ctx, input }) => checkSaved(kind, input.id, ctx.user, ctx.requestId)),
  };
}
