import { CatalogSearch } from "@/components/catalog/CatalogSearch";
import { PageHeader } from "@/components/shell/PageHeader";

export default function CatalogPage() {
  return (
    <>
      <PageHeader
        title="Catalog"
        description="Every dataset Weir discovers, loads or builds, and those OpenLineage producers report: search by name, description, column or tag, and open one for its schema, quality, lineage and owner."
      />
      <CatalogSearch />
    </>
  );
}
