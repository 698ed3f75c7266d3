/**
 * Sources: the shared endpoint procedures plus discover.
 */
import { ZCatalog } from "@/server/endpoints/catalog-contract";
import { discoverSource } from "@/server/endpoints/check-endpoint";
import { ZEndpointIdInput } from "@/server/endpoints/endpoint-contracts";
import { endpointProcedures } from "@/server/routers/endpoint-router";
import { authedProcedure, router } from "@/server/trpc";

export const sourceRouter = router({
  ...endpointProcedures("source"),
  discover: authedProcedure("engineer")
    .input(ZEndpointIdInput)
    .output(ZCatalog)
    .mutation(({ ctx, input }) => discoverSource(input.id, ctx.user, ctx.requestId)),
});
