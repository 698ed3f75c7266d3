"use client";
/**
 * When the server has a project folder of model files (WEIR_MODELS_DIR),
 * engineers sync it into Weir from here; the result lists what was created,
 * updated and deleted.
 */
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { trpc } from "@/components/trpc/trpc-react";

export function ProjectSyncPanel({ canEdit }: { canEdit: boolean }) {
  const utils = trpc.useUtils();
  const project = trpc.model.project.useQuery();
  const sync = trpc.model.syncProject.useMutation({ onSuccess: () => utils.model.list.invalidate() });
  if (!project.data?.configured) return null;
  const r = sync.data;
  return (
    <Panel testId="project-sync" className="text-sm" padded>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-slate-700">
          Models can also live as files in the project folder (models/&lt;layer&gt;/&lt;name&gt;.sql), reviewed in git; syncing brings them in.
        </p>
        {canEdit ? (
          <Button pending={sync.isPending} pendingLabel="Syncing…" onClick={() => sync.mutate()} testId="sync-project">
            Sync project folder
          </Button>
        ) : null}
      </div>
      <div className="mt-2 empty:hidden">
        <ErrorAlert message={sync.error?.message} />
      </div>
      {r ? (
        <p className="mt-2 text-slate-600" data-testid="project-sync-result">
          Created {r.created.length ? r.created.join(", ") : "none"} · updated {r.updated.length ? r.updated.join(", ") : "none"} · deleted{" "}
          {r.deleted.length ? r.deleted.join(", ") : "none"} · {r.unchanged.length} unchanged.
        </p>
      ) : null}
    </Panel>
  );
}
