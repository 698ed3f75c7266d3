"use client";
/**
 * When the server has a project folder of model files (WEIR_MODELS_DIR),
 * engineers sync it into Weir from here; the result lists what was created,
 * updated and deleted.
 */
import { trpc } from "@/components/trpc/trpc-react";

export function ProjectSyncPanel({ canEdit }: { canEdit: boolean }) {
  const utils = trpc.useUtils();
  const project = trpc.model.project.useQuery();
  const sync = trpc.model.syncProject.useMutation({ onSuccess: () => utils.model.list.invalidate() });
  if (!project.data?.configured) return null;
  const r = sync.data;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="project-sync">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700">
          Models can also live as files in the project folder (models/&lt;layer&gt;/&lt;name&gt;.sql), reviewed in git; syncing brings them in.
        </p>
        {canEdit ? (
          <button
            type="button"
            disabled={sync.isPending}
            onClick={() => sync.mutate()}
            className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium hover:bg-slate-100 disabled:opacity-50"
            data-testid="sync-project"
          >
            {sync.isPending ? "Syncing…" : "Sync project folder"}
          </button>
        ) : null}
      </div>
      {sync.error ? (
        <p role="alert" className="mt-2 text-red-700">
          {sync.error.message}
        </p>
      ) : null}
      {r ? (
        <p className="mt-2 text-slate-600" data-testid="project-sync-result">
          Created {r.created.length ? r.created.join(", ") : "none"} · updated {r.updated.length ? r.updated.join(", ") : "none"} · deleted{" "}
          {r.deleted.length ? r.deleted.join(", ") : "none"} · {r.unchanged.length} unchanged.
        </p>
      ) : null}
    </section>
  );
}
