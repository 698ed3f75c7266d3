/**
 * The audit log, for admins.
 */
import { listAuditEvents, ZListAuditEventsInput, ZListAuditEventsOutput } from "@/server/audit/list-audit-events";
import { authedProcedure, router } from "@/server/trpc";

export const auditRouter = router({
  list: authedProcedure("admin")
    .input(ZListAuditEventsInput)
    .output(ZListAuditEventsOutput)
    .query(({ input }) => listAuditEvents(input)),
});
