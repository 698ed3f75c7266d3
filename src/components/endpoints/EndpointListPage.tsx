/**
 * The list page of sources or destinations: header, "New …" for engineers,
 * and the list.
 */
import Link from "next/link";
import { EndpointList } from "@/components/endpoints/EndpointList";
import { ENDPOINT_KINDS, type TEndpointKind } from "@/components/endpoints/endpoint-kinds";
import { PageHeader } from "@/components/shell/PageHeader";
import { buttonClass } from "@/components/ui/button-class";

export function EndpointListPage({ kind, canEdit }: { kind: TEndpointKind; canEdit: boolean }) {
  const info = ENDPOINT_KINDS[kind];
  return (
    <>
      <PageHeader
        title={info.title}
        description={info.description}
        actions={
          canEdit ? (
            <Link href={`${info.path}/new`} className={buttonClass("primary")} data-testid={`new-${kind}`}>
              New {info.singular}
            </Link>
          ) : undefined
        }
      />
      <EndpointList kind={kind} canEdit={canEdit} />
    </>
  );
}
