/**
 * The page of a dataset that is not (or no longer) in the catalog.
 */
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export function DatasetNotFound() {
  return (
    <div className="mx-auto mt-12 max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-8 text-center" data-testid="dataset-not-found">
      <h1 className="text-xl font-semibold text-slate-900">No such dataset</h1>
      <p className="mt-2 text-sm text-slate-600">
        It is not in the catalog: the link may be mistyped, or the dataset was removed. Search the catalog for it by name.
      </p>
      <Link href="/catalog" className={buttonClass("link", undefined, "mt-4 inline-block")}>
        Back to the catalog
      </Link>
    </div>
  );
}
