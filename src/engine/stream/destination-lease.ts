/**
 * A destination session a streaming connection borrows for each
 * micro-batch. It is kept open between micro-batches, but given up after
 * holdMs so that another worker of the same connection can take a
 * warehouse that admits one writer process at a time (a DuckDB file);
 * opening retries while the warehouse is held elsewhere.
 */
import type { TConnectorContext, TDestinationConnector, TDestinationSession } from "@/connectors/types";
import { isAppError } from "@/lib/app-error";

const OPEN_RETRY_FOR_MS = 120_000;

/** How long a worker keeps a streaming destination open before giving others their turn. */
export function holdMs(): number {
  return Number(process.env.WEIR_STREAM_HOLD_MS) || 5_000;
}

export class DestinationLease {
  private session: TDestinationSession | undefined;
  private openedAt = 0;

  constructor(
    private readonly destination: TDestinationConnector<unknown>,
    private readonly config: unknown,
    private readonly ctx: TConnectorContext,
    private readonly hold = holdMs(),
  ) {}

  private async open(): Promise<TDestinationSession> {
    const started = Date.now();
    for (let wait = 50; ; wait = Math.min(wait * 2, 1_000)) {
      try {
        return await this.destination.open(this.config, this.ctx);
      } catch (e) {
        const held = isAppError(e) && /locked by another process/.test(e.message);
        if (!held || Date.now() - started > OPEN_RETRY_FOR_MS) throw e;
        this.ctx.signal.throwIfAborted();
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  async use<T>(work: (session: TDestinationSession) => Promise<T>): Promise<T> {
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
      if (this.session && Date.now() - this.openedAt >= this.hold) await this.close();
    }
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = undefined;
    await s?.close().catch(() => undefined);
  }
}
