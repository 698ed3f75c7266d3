/**
 * Real ids for the fuzz tier's baselines, so that hostile values reach the
 * code behind an existence check: a dataset, a user, a token, an alert
 * channel and rule of the fuzz's own, and the demo's connection, run,
 * source, destination, model and checks (only variants that must be refused
 * are sent with the demo's ids, so a passing run changes nothing of it).
 */
import { randomUUID } from "node:crypto";

import { type TSession, trpcMutation } from "../../src/bench/catalog-http";

type TIds = Partial<
  Record<
    | "dataset"
    | "connection"
    | "run"
    | "source"
    | "destination"
    | "model"
    | "transformRun"
    | "check"
    | "incident"
    | "user"
    | "token"
    | "channel"
    | "rule"
    | "alert",
    string
  >
>;

async function query<T>(baseURL: string, session: TSession, procedure: string, input: unknown): Promise<T> {
  const res = await fetch(`${baseURL}/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`, {
    headers: { cookie: session.cookie },
  });
  if (!res.ok) throw new Error(`${procedure} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

const first = (rows: unknown) => (rows as { id: string }[])[0]?.id;

/** A lineage event that creates the fuzz's own dataset, and the token that sends it. */
async function fuzzDataset(baseURL: string, admin: TSession, tag: string): Promise<{ dataset: string; token: string; tokenId: string }> {
  const created = (await trpcMutation(baseURL, admin, "apiToken.create", { name: `fuzz ${tag}`, scopes: ["lineage:write", "lineage:read"] })) as {
    id: string;
    token: string;
  };
  const event = {
    eventType: "COMPLETE",
    eventTime: new Date().toISOString(),
    producer: "https://example.com/fuzz",
    schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
    run: { runId: randomUUID() },
    job: { namespace: "fuzz-setup", name: "fuzz.job" },
    inputs: [],
    outputs: [{ namespace: "fuzz-setup", name: "fuzz.public.target" }],
  };
  const res = await fetch(`${baseURL}/api/v1/lineage`, {
    method: "POST",
    headers: { authorization: `Bearer ${created.token}`, "content-type": "application/json" },
    body: JSON.stringify(event),
  });
  if (res.status !== 201) throw new Error(`POST /api/v1/lineage answered ${res.status}: ${await res.text()}`);
  const graph = (await (
    await fetch(`${baseURL}/api/v1/lineage?nodeId=${encodeURIComponent("dataset:fuzz-setup:fuzz.public.target")}&depth=1`, {
      headers: { authorization: `Bearer ${created.token}` },
    })
  ).json()) as { graph: { type: string; data: { id?: unknown } }[] };
  const search = await query<{ items: { id: string; name: string }[] }>(baseURL, admin, "catalog.search", { q: "fuzz.public.target" });
  const dataset = search.items.find((d) => d.name === "fuzz.public.target")?.id;
  if (!dataset || !graph.graph.length) throw new Error("The fuzz dataset did not reach the catalog.");
  return { dataset, token: created.token, tokenId: created.id };
}

export async function collectIds(baseURL: string, admin: TSession): Promise<{ ids: TIds; lineageToken: string }> {
  const tag = randomUUID().slice(0, 8);
  const { dataset, token, tokenId } = await fuzzDataset(baseURL, admin, tag);
  const user = (await trpcMutation(baseURL, admin, "user.create", {
    email: `fuzz-target-${tag}@example.com`,
    role: "viewer",
    password: "fuzz-target-password",
  })) as { user: { id: string } };
  const channel = (await trpcMutation(baseURL, admin, "alert.createChannel", {
    name: `fuzz channel ${tag}`,
    kind: "webhook",
    config: { url: "http://127.0.0.1:9/fuzz" },
  })) as { id: string };
  const rule = (await trpcMutation(baseURL, admin, "alert.createRule", {
    name: `fuzz rule ${tag}`,
    params: { kind: "workers_below", workers: 1 },
    channelIds: [channel.id],
    enabled: false,
  })) as { id: string };
  const ids: TIds = {
    dataset,
    user: user.user.id,
    token: tokenId,
    channel: channel.id,
    rule: rule.id,
    connection: first(await query(baseURL, admin, "connection.list", undefined)),
    run: first(await query(baseURL, admin, "run.list", {})),
    source: first(await query(baseURL, admin, "source.list", undefined)),
    destination: first(await query(baseURL, admin, "destination.list", undefined)),
    model: first(await query(baseURL, admin, "model.list", undefined)),
    transformRun: first(await query(baseURL, admin, "model.runs", undefined)),
    check: first(await query(baseURL, admin, "quality.checks", {})),
    incident: first(await query(baseURL, admin, "quality.incidents", {})),
    alert: first(await query(baseURL, admin, "alert.list", { status: "all" })),
  };
  return { ids, lineageToken: token };
}

const BY_FIELD: Record<string, keyof TIds> = {
  datasetId: "dataset",
  datasetIds: "dataset",
  connectionId: "connection",
  connectionIds: "connection",
  destinationId: "destination",
  sourceId: "source",
  userId: "user",
  modelId: "model",
  channelIds: "channel",
};

/** Which entity an `id` field of a procedure names. */
function entityOfId(procedure: string): keyof TIds | undefined {
  const [routerName, name = ""] = procedure.split(".");
  if (routerName === "model") return name === "runStatus" ? "transformRun" : "model";
  if (routerName === "quality") return /incident|acknowledge|resolve/i.test(name) ? "incident" : "check";
  if (routerName === "alert") return /Channel/.test(name) ? "channel" : /Rule/.test(name) ? "rule" : "alert";
  return (
    { catalog: "dataset", connection: "connection", run: "run", source: "source", destination: "destination", apiToken: "token" } as Record<string, keyof TIds>
  )[routerName!];
}

/** The baseline id of a uuid field (`scope.datasetIds.0` → the dataset's), or a random one. */
export function idFor(ids: TIds, procedure: string): (field: string) => string {
  return (field) => {
    const key =
      field
        .split(".")
        .filter((p) => !/^\d+$/.test(p))
        .at(-1) ?? "";
    const entity = key === "id" ? entityOfId(procedure) : BY_FIELD[key];
    return (entity && ids[entity]) || randomUUID();
  };
}
