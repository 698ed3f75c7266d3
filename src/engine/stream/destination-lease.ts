/**
 * A destination session a streaming connection borrows for each
 * micro-batch. It is kept open between micro-batches, but given up after
 * holdMs so that another worker of the same connection can take a
 * warehouse that admits one writer process at a time (a DuckDB file);
 * opening retries while the warehouse is held elsewhere.
 */
import type { TConnectorContext, TDestinationConnector, TDestinationSession } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";
import { setting } from "@/lib/env";

const OPEN_RETRY_FOR_MS = 120_000;

/** How long a worker keeps a streaming destination open before giving others their turn. */
export function holdMs(): number {
  return setting("WEIR_STREAM_HOLD_MS");
}

export class DestinationLease {
  private session: TDestinationSession | undefined;
  private openedAt = 0;
  /** Gives the session up once the hold is over even when no other micro-batch comes to do it. */
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly destination: TDestinationConnector<unknown>,
    private readonly config: unknown,
    private readonly ctx: TConnectorContext,
    private readonly hold = holdMs(),
  ) {}

  private async open(): Promise<TDestinationSession> {
    const started = Date.now();
    let said = started;
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        const session = await this.destination.open(this.config, this.ctx);
        if (said !== started) this.ctx.log.info({ waitedMs: Date.now() - started }, "streaming destination opened after waiting for another process");
        return session;
      } catch (e) {
        const held = isAppError(e) && /locked by another process/.test(e.message);
        if (!held || Date.now() - started > OPEN_RETRY_FOR_MS) throw e;
        // Waiting is normal while another worker lands; a long wait is said, so a stalled stream is never silent.
        if (Date.now() - said >= 5_000) {
          said = Date.now();
          this.ctx.log.warn({ waitedMs: said - started }, "streaming destination held by another process; waiting to open it");
        }
        this.ctx.signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  async use<T>(work: (session: TDestinationSession) => Promise<T>): Promise<T> {
    clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.session) {
      this.session = await this.open();
      this.openedAt = Date.now();
    }
    try {
      return await work(this.session);
    } catch (e) {
      await this.close();
      throw e;
    } finally {
      const left = this.openedAt + this.hold - Date.now();
      if (this.session && left <= 0) await this.close();
      else if (this.session) this.idle = setTimeout(() => void this.close(), left).unref();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.idle);
    this.idle = undefined;
    const s = this.session;
    this.session = undefined;
    await s?.close().catch(() => undefined);
  }
}
