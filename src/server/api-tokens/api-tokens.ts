/**
 * API tokens for machine clients (OpenLineage producers such as Airflow,
 * Spark, dbt) and Prometheus. Admins create them; the token is shown once and only its
 * SHA-256 is kept. Each carries scopes; a request presents it as
 * `Authorization: Bearer weir_…`.
 */
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { zName, zSafeString } from "@/lib/input-rules";

import { db } from "@/db/client";
import { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/lib/app-error";
import { rememberSecret } from "@/lib/secret-scrub";
import { type TAuditActor, writeAudit } from "@/db/write-audit";

/** lineage:write / lineage:read: the OpenLineage API; metrics:read: GET /api/metrics (Prometheus). */
export const TOKEN_SCOPES = ["lineage:write", "lineage:read", "metrics:read"] as const;
export type TTokenScope = (typeof TOKEN_SCOPES)[number];

export const ZCreateTokenInput = z.object({
  name: zName(100),
  scopes: z
    .array(z.enum(TOKEN_SCOPES, { message: `must be one of ${TOKEN_SCOPES.join(", ")}` }))
    .min(1, "needs at least one scope")
    .max(TOKEN_SCOPES.length, `has at most ${TOKEN_SCOPES.length} scopes`),
  /** OpenLineage namespaces its events may name (exact, or a prefix ending in *); none: any. */
  namespaces: z.array(zSafeString().trim().min(1, "is empty").max(1_000, "has at most 1000 characters")).max(50, "has at most 50 namespaces").default([]),
});

export const ZTokenOutput = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  namespaces: z.array(z.string()),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});
export type TTokenOutput = z.infer<typeof ZTokenOutput>;

const PREFIX = "weir_";
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const toOutput = (t: TTokenOutput & Record<string, unknown>): TTokenOutput => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scopes: t.scopes,
  namespaces: t.namespaces,
  createdAt: t.createdAt,
  lastUsedAt: t.lastUsedAt,
  revokedAt: t.revokedAt,
});

export async function listTokens(): Promise<TTokenOutput[]> {
  return (await db().apiToken.findMany({ orderBy: { createdAt: "desc" } })).map(toOutput);
}

/** Creates a token; the returned `token` is the only time it is ever shown. */
export async function createToken(input: z.input<typeof ZCreateTokenInput>, actor: TAuditActor, requestId?: string): Promise<TTokenOutput & { token: string }> {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  rememberSecret(token);
  const scopes = [...new Set(input.scopes)];
  const namespaces = [...new Set(input.namespaces ?? [])];
  const taken = () => new AppError("CONFLICT", `name: a token named "${input.name}" exists; pick another name.`, { field: "name" });
  if (await db().apiToken.findUnique({ where: { name: input.name } })) throw taken();
  const row = await db()
    .$transaction(async (tx) => {
      const created = await tx.apiToken.create({
        data: { name: input.name, tokenHash: hashOf(token), prefix: token.slice(0, PREFIX.length + 6), scopes, namespaces, createdById: actor.id },
      });
      const diff = {
        name: { from: null, to: input.name },
        scopes: { from: null, to: scopes },
        ...(namespaces.length ? { namespaces: { from: null, to: namespaces } } : {}),
      };
      await writeAudit(tx, { actor, action: "api_token.create", targetType: "api_token", targetId: created.id, diff, requestId });
      return created;
    })
    .catch((e: unknown) => {
      // Two admins creating the same name at once: the second meets the unique index.
      throw e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002" ? taken() : e;
    });
  return { ...toOutput(row), token };
}

export async function revokeToken(id: string, actor: TAuditActor, requestId?: string): Promise<TTokenOutput> {
  const row = await db().apiToken.findUnique({ where: { id } });
  if (!row) throw new AppError("NOT_FOUND", "No API token with that id.");
  if (row.revokedAt) return toOutput(row);
  return db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, {
      actor,
      action: "api_token.revoke",
      targetType: "api_token",
      targetId: id,
      diff: { revokedAt: { from: null, to: revoked.revokedAt } },
      requestId,
    });
    return toOutput(revoked);
  });
}

export type TTokenCheck = { ok: true; name: string; scopes: string[]; namespaces: string[] } | { ok: false; status: 401 | 403; error: string };

/** The bearer token of a request, checked: known, not revoked, and carrying `scope`. */
export async function verifyBearer(authorization: string | null, scope: TTokenScope): Promise<TTokenCheck> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  if (!token) return { ok: false, status: 401, error: "Send an API token: Authorization: Bearer weir_… (admins create tokens under Admin → API tokens)." };
  const row = token.startsWith(PREFIX) ? await db().apiToken.findUnique({ where: { tokenHash: hashOf(token) } }) : null;
  if (!row || row.revokedAt) return { ok: false, status: 401, error: "The API token is not valid (unknown or revoked)." };
  rememberSecret(token); // a known token only: unknown ones must not crowd real secrets out of the scrubber
  if (!row.scopes.includes(scope)) return { ok: false, status: 403, error: `The API token "${row.name}" lacks the ${scope} scope.` };
  // Last use is informational; it is written at most once a minute per token.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db()
      .apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } })
      .catch(() => undefined);
  }
  return { ok: true, name: row.name, scopes: row.scopes, namespaces: row.namespaces };
}
