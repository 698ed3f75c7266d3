/**
 * Who set a catalog fact and when, under the fact: "Set by Weir (job
 * weir/connection.shop) 3 hours ago", "Edited by ana@example.com …",
 * "Reported by https://github.com/OpenLineage/… (job food_delivery/etl)".
 */
import type { z } from "zod";

import { formatAbsolute, formatRelative } from "@/components/catalog/format";
import type { ZFactSetter } from "@/server/catalog/catalog-contracts";

type TSetter = z.infer<typeof ZFactSetter>;

const VERB: Record<TSetter["by"], string> = { weir: "Set by", person: "Edited by", dbt: "From", producer: "Reported by" };

export function FactSource({ setter, className = "", testId }: { setter: TSetter | undefined; className?: string; testId?: string }) {
  if (!setter) return null;
  const at = new Date(setter.at);
  const valid = !Number.isNaN(at.getTime());
  return (
    <span className={`mt-1 block text-xs text-slate-500 ${className}`} data-testid={testId}>
      {VERB[setter.by]} <span className="break-all">{setter.name}</span>
      {setter.job ? (
        <>
          {" "}
          (job <span className="break-all">{setter.job}</span>)
        </>
      ) : null}
      {setter.via ? <> via {setter.via.replace(/^token:/, "token ").replace(/^user:/, "")}</> : null}
      {valid ? (
        <>
          {" "}
          ·{" "}
          <time dateTime={at.toISOString()} title={formatAbsolute(at)}>
            {formatRelative(at)}
          </time>
        </>
      ) : null}
    </span>
  );
}
