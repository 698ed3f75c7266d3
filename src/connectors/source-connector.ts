/**
 * What a source connector is: the shared base (types.ts) plus discover and read, and the
 * streaming half (streaming-types.ts) on sources that run continuously.
 */
import type { TStreamingSource } from "@/connectors/streaming-types";
import type { TCatalog, TConnectorBase, TConnectorContext, TReadOptions, TReadRequest, TRecordBatch } from "@/connectors/types";

export type TSourceConnector<TConfig = unknown> = TConnectorBase<TConfig> & {
  kind: "source";
  discover(config: TConfig, ctx: TConnectorContext): Promise<TCatalog>;
  /** Streams the selected streams' records as batches; must honour ctx.signal and backpressure (it is pulled). */
  read(config: TConfig, requests: TReadRequest[], opts: TReadOptions): AsyncIterable<TRecordBatch>;
  /** Present on streaming sources (Kafka): their connections run continuously in the workers instead of as sync runs. */
  streaming?: TStreamingSource<TConfig>;
};
