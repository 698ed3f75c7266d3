/**
 * The tRPC procedures shared by sources and destinations, picked by kind.
 * Both routers are built from one definition (endpointProcedures), so the
 * shared part has one type.
 */
import { trpc } from "@/components/trpc/trpc-react";
import type { TEndpointKind } from "@/components/endpoints/endpoint-kinds";

type TShared = "connectors" | "list" | "get" | "create" | "update" | "delete" | "checkDraft" | "check";
export type TEndpointApi = Pick<typeof trpc.source, TShared>;

export function useEndpointApi(kind: TEndpointKind) {
  const utils = trpc.useUtils();
  const api: TEndpointApi = kind === "source" ? trpc.source : trpc.destination;
  const cache: Pick<typeof utils.source, "list" | "get"> = kind === "source" ? utils.source : utils.destination;
  return { api, cache };
}
