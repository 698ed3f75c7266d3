/**
 * The words and paths of the two endpoint kinds, so one set of components
 * serves both sources and destinations.
 */
import type { TEndpointKind } from "@/server/endpoints/endpoint-contracts";

export type { TEndpointKind };

export type TEndpointKindInfo = {
  kind: TEndpointKind;
  /** "Sources" */
  title: string;
  /** "source" */
  singular: string;
  /** "/sources" */
  path: string;
  description: string;
};

export const ENDPOINT_KINDS: Record<TEndpointKind, TEndpointKindInfo> = {
  source: {
    kind: "source",
    title: "Sources",
    singular: "source",
    path: "/sources",
    description: "Systems Weir reads from: databases, files and HTTP APIs. Test each one, then discover its streams.",
  },
  destination: {
    kind: "destination",
    title: "Destinations",
    singular: "destination",
    path: "/destinations",
    description: "Warehouses Weir loads into. Connections write each selected stream into a table here.",
  },
};
