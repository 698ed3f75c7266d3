/**
 * Lineage for the explorer: the neighbourhood of a dataset at table or column level.
 */
import { ZGraphInput, ZGraphOutput } from "@/server/lineage/lineage-contracts";
import { lineageGraph } from "@/server/lineage/lineage-graph";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");

export const lineageRouter = router({
  graph: viewer
    .input(ZGraphInput)
    .output(ZGraphOutput)
    .query(({ input }) => lineageGraph(input)),
});
