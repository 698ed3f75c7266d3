"use client";
/**
 * Create an API token: a name, its scopes and, optionally, the OpenLineage
 * namespaces its events may name. The token is in the server's
 * answer once (only its hash is kept), so it is shown here once, with a copy
 * button and the settings an OpenLineage producer or Prometheus needs to use it.
 */
import { useState, type FormEvent } from "react";
import { CopyButton } from "@/components/admin/CopyButton";
import { ShownOnce } from "@/components/admin/ShownOnce";
import { Button } from "@/components/ui/Button";
import { ErrorAlert } from "@/components/ui/ErrorAlert";
import { Panel } from "@/components/ui/Panel";
import { formErrors, type TServerError } from "@/components/forms/field-errors";
import { trpc, type RouterInputs, type RouterOutputs } from "@/components/trpc/trpc-react";

type TCreated = RouterOutputs["apiToken"]["create"];
type TTokenScope = RouterInputs["apiToken"]["create"]["scopes"][number];

// The record's type makes this list follow the server's scopes (its module is server-only: db, node:crypto).
const SCOPE_HINTS: Record<TTokenScope, string> = {
  "lineage:write": "send OpenLineage run events (POST /api/v1/lineage)",
  "lineage:read": "read the lineage graph (GET /api/v1/lineage)",
  "metrics:read": "scrape Prometheus metrics (GET /api/metrics)",
};
const TOKEN_SCOPES = Object.keys(SCOPE_HINTS) as TTokenScope[];

const LABELS: Record<string, string> = { name: "Name", scopes: "The token", namespaces: "A namespace" };
const FIELDS = ["name", "scopes", "namespaces"] as const;

/** The refusal split by field: each problem beside the field it names, the rest above the button. */
function splitErrors(error: TServerError | null) {
  const head = (path: string) => path.split(".")[0] ?? "";
  const { fields, general } = formErrors(error, {
    fieldOf: (path) => FIELDS.find((f) => f === head(path)) ?? null,
    label: (path) => LABELS[head(path)] ?? "This value",
  });
  return { ...fields, other: general ?? undefined };
}

export function CreateApiTokenForm() {
  const utils = trpc.useUtils();
  const [created, setCreated] = useState<{ token: TCreated; origin: string } | null>(null);
  const create = trpc.apiToken.create.useMutation({
    onSuccess: async (token) => {
      setCreated({ token, origin: window.location.origin });
      await utils.apiToken.list.invalidate();
    },
  });
  const errors = splitErrors(create.error);

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setCreated(null);
    create.mutate(
      {
        name: String(data.get("name") ?? ""),
        scopes: data.getAll("scopes").map(String) as TTokenScope[],
        namespaces: String(data.get("namespaces") ?? "")
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean),
      },
      { onSuccess: () => form.reset() },
    );
  }

  return (
    <div className="space-y-4">
      <Panel title="Create a token" padded>
        <form onSubmit={onSubmit} noValidate aria-label="Create API token">
          <div className="flex flex-wrap items-start gap-x-8 gap-y-3">
            <label className="block text-xs font-medium text-slate-600">
              Name
              <input
                name="name"
                placeholder="airflow-prod"
                maxLength={100}
                autoComplete="off"
                aria-invalid={errors.name ? true : undefined}
                aria-describedby={errors.name ? "api-token-name-error" : undefined}
                className={`mt-1 block w-72 rounded-md border px-3 py-2 text-sm text-slate-900 ${errors.name ? "border-red-400" : "border-slate-300"}`}
                data-testid="api-token-name"
              />
              {errors.name ? (
                <span id="api-token-name-error" role="alert" className="mt-1 block max-w-72 text-xs font-normal text-red-700">
                  {errors.name}
                </span>
              ) : null}
            </label>
            <fieldset aria-describedby={errors.scopes ? "api-token-scopes-error" : undefined}>
              <legend className="text-xs font-medium text-slate-600">Scopes</legend>
              <div className="mt-1 space-y-1">
                {TOKEN_SCOPES.map((scope) => (
                  <label key={scope} className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      name="scopes"
                      value={scope}
                      defaultChecked={scope !== "metrics:read"}
                      className="h-4 w-4 rounded border-slate-300"
                      data-testid={`api-token-scope-${scope}`}
                    />
                    <span className="font-mono text-xs">{scope}</span>
                    <span className="text-xs text-slate-500">— {SCOPE_HINTS[scope]}</span>
                  </label>
                ))}
              </div>
              {errors.scopes ? (
                <p id="api-token-scopes-error" role="alert" className="mt-1 text-xs text-red-700">
                  {errors.scopes}
                </p>
              ) : null}
            </fieldset>
            <label className="block text-xs font-medium text-slate-600">
              Namespaces <span className="font-normal text-slate-500">(optional, one per line; a trailing * matches a prefix)</span>
              <textarea
                name="namespaces"
                rows={3}
                placeholder={"s3://lake/*\nspark"}
                aria-invalid={errors.namespaces ? true : undefined}
                aria-describedby="api-token-namespaces-hint"
                className={`mt-1 block w-72 rounded-md border px-3 py-2 font-mono text-xs text-slate-900 ${errors.namespaces ? "border-red-400" : "border-slate-300"}`}
                data-testid="api-token-namespaces"
              />
              <span id="api-token-namespaces-hint" className="mt-1 block max-w-72 text-xs font-normal text-slate-500">
                {errors.namespaces ?? "Events naming any other job or dataset namespace are refused. Empty: any namespace."}
              </span>
            </label>
          </div>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <Button type="submit" variant="primary" pending={create.isPending} pendingLabel="Creating…" testId="create-api-token">
              Create token
            </Button>
            <ErrorAlert message={errors.other} />
          </div>
        </form>
      </Panel>
      {created ? <NewTokenReveal token={created.token} origin={created.origin} onDismiss={() => setCreated(null)} /> : null}
    </div>
  );
}

function Snippet({ title, text }: { title: string; text: string }) {
  return (
    <div>
      <div className="mb-1 flex items-center justify-between gap-2">
        <h4 className="text-xs font-medium text-slate-600">{title}</h4>
        <CopyButton text={text} label={title} />
      </div>
      <pre className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100">{text}</pre>
    </div>
  );
}

/** A small RunEvent that passes validation: one job reading one dataset and writing another. */
function sampleRunEvent(): string {
  const event = {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: "https://example.com/my-pipeline",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: "0190b2a4-7c1e-7d3a-9f2b-4e6a8c0d1f23" },
    job: { namespace: "my_pipeline", name: "load_orders_daily" },
    inputs: [{ namespace: "postgres://db:5432", name: "shop.public.orders" }],
    outputs: [{ namespace: "postgres://db:5432", name: "shop.public.orders_daily" }],
  };
  return JSON.stringify(event, null, 2);
}

function NewTokenReveal({ token, origin, onDismiss }: { token: TCreated; origin: string; onDismiss: () => void }) {
  // Shares the table's query, so revoking this token below is reflected here.
  const list = trpc.apiToken.list.useQuery();
  const revoked = list.data?.some((t) => t.id === token.id && t.revokedAt !== null) ?? false;
  const canWrite = token.scopes.includes("lineage:write");
  const canRead = token.scopes.includes("lineage:read");
  const canScrape = token.scopes.includes("metrics:read");
  const url = new URL(origin);
  const prometheus = [
    "scrape_configs:",
    "  - job_name: weir",
    `    scheme: ${url.protocol.replace(":", "")}`,
    "    metrics_path: /api/metrics",
    "    authorization:",
    `      credentials: ${token.token}`,
    "    static_configs:",
    `      - targets: ["${url.host}"]`,
  ].join("\n");
  const env = [`OPENLINEAGE_URL=${origin}`, "OPENLINEAGE_ENDPOINT=api/v1/lineage", `OPENLINEAGE_API_KEY=${token.token}`].join("\n");
  const curlPost = [
    `curl -X POST '${origin}/api/v1/lineage' \\`,
    `  -H 'Authorization: Bearer ${token.token}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${sampleRunEvent()}'`,
  ].join("\n");
  const curlGet = [
    `curl -G '${origin}/api/v1/lineage' \\`,
    `  -H 'Authorization: Bearer ${token.token}' \\`,
    `  --data-urlencode 'nodeId=dataset:postgres://db:5432:shop.public.orders' \\`,
    `  --data-urlencode 'depth=2'`,
  ].join("\n");

  return (
    <section aria-label="New API token" className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="api-token-created">
      <ShownOnce title={`Token “${token.name}” created`} value={token.token} valueTestId="api-token-secret" copyLabel="token" onDismiss={onDismiss}>
        <p role="status" className="mt-1 text-sm text-amber-900">
          <strong>Copy it now: it will not be shown again.</strong> Weir keeps only its hash. If it is lost, revoke it and create another.
        </p>
      </ShownOnce>
      {revoked ? (
        <p className="text-sm font-medium text-red-800">This token has been revoked; it no longer works.</p>
      ) : (
        <div className="space-y-3">
          {canWrite ? (
            <>
              <Snippet title="Airflow / dbt: OpenLineage HTTP transport (environment)" text={env} />
              <Snippet title="curl: send a run event" text={curlPost} />
            </>
          ) : null}
          {canRead ? <Snippet title="curl: read the lineage around a dataset" text={curlGet} /> : null}
          {canScrape ? <Snippet title="Prometheus: scrape config (prometheus.yml)" text={prometheus} /> : null}
        </div>
      )}
    </section>
  );
}
