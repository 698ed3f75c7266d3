/**
 * The answer of a "Test connection" just now: green when the connector could
 * reach the system, red with its message when not.
 */
type TProps = { result: { ok: boolean; message: string | null; durationMs: number } | undefined; pending: boolean };

export function CheckResult({ result, pending }: TProps) {
  if (pending)
    return (
      <p className="text-sm text-slate-600" data-testid="check-result" data-state="pending">
        Testing…
      </p>
    );
  if (!result) return null;
  return result.ok ? (
    <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-800" data-testid="check-result" data-state="ok">
      Connection works ({result.durationMs} ms).{result.message ? <span className="mt-1 block font-normal">{result.message}</span> : null}
    </p>
  ) : (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="check-result" data-state="failed">
      {result.message ?? "The connection failed without a message."}
    </p>
  );
}
