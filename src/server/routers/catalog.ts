/**
 * The catalog: every dataset Weir discovered, loaded or built, or an
 * OpenLineage producer reported. Viewers search and read; analysts and up
 * preview rows (PII masked below engineer); engineers edit descriptions,
 * owners, tags and PII flags.
 */
import {
  ZDatasetIdInput,
  ZDatasetOutput,
  ZImpactInput,
  ZImpactOutput,
  ZPreviewOutput,
  ZSearchInput,
  ZSearchOutput,
  ZUpdateColumnInput,
  ZUpdateDatasetInput,
} from "@/server/catalog/catalog-contracts";
import { getDataset } from "@/server/catalog/dataset-page";
import { updateDataset, updateDatasetColumn } from "@/server/catalog/dataset-edit";
import { previewDataset } from "@/server/catalog/dataset-preview";
import { ZDeadlineOutput, ZSetDeadlineInput, deadlineOf, setFreshnessDeadline } from "@/server/catalog/freshness-deadline";
import { impactOf } from "@/server/catalog/impact";
import { searchCatalog } from "@/server/catalog/search";
import { authedProcedure, router } from "@/server/trpc";

const viewer = authedProcedure("viewer");
const analyst = authedProcedure("analyst");
const engineer = authedProcedure("engineer");

export const catalogRouter = router({
  search: viewer
    .input(ZSearchInput)
    .output(ZSearchOutput)
    .query(({ input }) => searchCatalog(input)),
  dataset: viewer
    .input(ZDatasetIdInput)
    .output(ZDatasetOutput)
    .query(({ input }) => getDataset(input.id)),
  update: engineer
    .input(ZUpdateDatasetInput)
    .output(ZDatasetOutput)
    .mutation(({ ctx, input }) => updateDataset(input, ctx.user, ctx.requestId)),
  updateColumn: engineer
    .input(ZUpdateColumnInput)
    .output(ZDatasetOutput)
    .mutation(({ ctx, input }) => updateDatasetColumn(input, ctx.user, ctx.requestId)),
  /** Up to 100 rows from the warehouse; PII columns masked unless the caller is an engineer or admin. */
  freshnessDeadline: viewer
    .input(ZDatasetIdInput)
    .output(ZDeadlineOutput)
    .query(({ input }) => deadlineOf(input.id)),
  setFreshnessDeadline: engineer
    .input(ZSetDeadlineInput)
    .output(ZDeadlineOutput)
    .mutation(({ ctx, input }) => setFreshnessDeadline(input, ctx.user, ctx.requestId)),
  preview: analyst
    .input(ZDatasetIdInput)
    .output(ZPreviewOutput)
    .query(({ ctx, input }) => previewDataset(input.id, ctx.user)),
  /** Everything downstream of a dataset (or one of its columns), to any depth. */
  impact: viewer
    .input(ZImpactInput)
    .output(ZImpactOutput)
    .query(({ input }) => impactOf(input)),
});
