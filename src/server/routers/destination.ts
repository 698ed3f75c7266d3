/**
 * Destinations (warehouses): the shared endpoint procedures.
 */
import { endpointProcedures } from "@/server/routers/endpoint-router";
import { router } from "@/server/trpc";

export const destinationRouter = router(endpointProcedures("destination"));
