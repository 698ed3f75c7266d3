/**
 * The frame of a destination's `check`: the stored configuration parsed
 * (a bad one is answered, not thrown), the probe run under a time budget
 * (the caller's signal too), and every failure turned into a message that
 * says where and never holds a secret.
 */
import type { TCheckResult, TConnectorContext } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";

export type TCheckFrame<TConfig> = {
  timeoutMs: number;
  parse(raw: unknown): TConfig;
  /** "PostgreSQL destination host:port/db": where, for messages. */
  where(config: TConfig): string;
  /** `text` with the configuration's secrets masked. */
  mask(text: string, config: TConfig): string;
  /** What the log line of an unexpected failure names (never a secret). */
  logFields(config: TConfig): Record<string, unknown>;
  probe(config: TConfig, signal: AbortSignal): Promise<TCheckResult>;
};

export async function checkWithin<TConfig>(raw: unknown, ctx: TConnectorContext, frame: TCheckFrame<TConfig>): Promise<TCheckResult> {
  let config: TConfig;
  try {
    config = frame.parse(raw);
  } catch (e) {
    return { ok: false, message: isAppError(e) ? e.message : String(e) };
  }
  const deadline = AbortSignal.timeout(frame.timeoutMs);
  const signal = AbortSignal.any([ctx.signal, deadline]);
  try {
    return await frame.probe(config, signal);
  } catch (e) {
    ctx.signal.throwIfAborted();
    if (deadline.aborted) return { ok: false, message: `${frame.where(config)}: no answer within ${frame.timeoutMs / 1000} s.` };
    if (isAppError(e)) return { ok: false, message: frame.mask(e.message, config) };
    ctx.log.warn({ err: e instanceof Error ? e.message : String(e), ...frame.logFields(config) }, `${frame.where(config)}: check failed unexpectedly`);
    return { ok: false, message: `${frame.where(config)}: ${frame.mask(e instanceof Error ? e.message : String(e), config)}` };
  }
}
