/**
 * The outcome of the last "Test connection" of a saved source or destination:
 * ok / failed / never, when, and the connector's message.
 */
import { Badge } from "@/components/ui/Badge";
import { formatTime } from "@/lib/run-format";

type TProps = { ok: boolean | null; at: Date | null; message: string | null; compact?: boolean };

export function CheckStatus({ ok, at, message, compact = false }: TProps) {
  if (ok === null || !at)
    return (
      <span className="text-xs text-slate-500" data-testid="check-status">
        never tested
      </span>
    );
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-2 text-xs" data-testid="check-status" data-ok={ok}>
      <Badge tone={ok ? "success" : "danger"}>{ok ? "ok" : "failed"}</Badge>
      <span className="text-slate-500">{formatTime(at)}</span>
      {message ? (
        <span className={`${ok ? "text-slate-600" : "text-red-700"} ${compact ? "line-clamp-1 max-w-md" : ""}`} title={message}>
          {message}
        </span>
      ) : null}
    </span>
  );
}
