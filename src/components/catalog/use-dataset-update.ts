"use client";
/**
 * The edits engineers make to a dataset (description, owner, tags) and to
 * its columns (description, PII). Each returns the dataset as saved, which
 * replaces the cached page; the search results are refetched.
 */
import { trpc } from "@/components/trpc/trpc-react";
import type { TDatasetOutput } from "@/server/catalog/catalog-contracts";

function useOnSaved() {
  const utils = trpc.useUtils();
  return (saved: TDatasetOutput) => {
    utils.catalog.dataset.setData({ id: saved.id }, saved);
    void utils.catalog.search.invalidate();
  };
}

export function useDatasetUpdate() {
  return trpc.catalog.update.useMutation({ onSuccess: useOnSaved() });
}

export function useColumnUpdate() {
  return trpc.catalog.updateColumn.useMutation({ onSuccess: useOnSaved() });
}
