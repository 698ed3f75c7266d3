/**
 * The streaming half of the connector contract (connectors/types.ts): what a
 * source that runs continuously (Kafka) hands the engine per micro-batch, and
 * the handle the engine steers it with.
 */
import type { TColumn, TConnectorContext, TRecordBatch } from "@/connectors/types";

/** What a streaming source hands over at the end of a micro-batch. */
export type TStreamMicroBatch = {
  /** The decoded rows, one batch per stream that has any, in wire format. */
  batches: TRecordBatch[];
  /** Messages consumed (landed and dead letters) and their value bytes. */
  messages: number;
  bytes: number;
  /** Messages sent to the dead-letter topic instead of landing. */
  deadLetters: number;
  /** The source timestamps (ms) of the rows in `batches`, for latency. */
  eventTimesMs: number[];
  /**
   * The positions this micro-batch covers, per stream and partition (first
   * and last, as decimal text; Kafka offsets). A destination whose rows of a
   * partition all come before `first` cannot hold any of these yet, so they
   * can be appended instead of merged.
   */
  ranges: { stream: string; partition: number; first: string; last: string }[];
};

export type TStreamingInput = {
  /** The consumer group: one per connection; workers of the same connection share the work through it. */
  consumerGroup: string;
  /** The streams to consume, with the columns their tables have (wire order). */
  streams: { name: string; columns: TColumn[] }[];
  /**
   * Lands a micro-batch durably (one destination commit per stream). The
   * source commits its position only after this resolves; when it throws the
   * stream ends (handle.ended) and nothing of the batch is committed.
   * `step` names what it is doing now, so a landing that stalls is reported
   * with the step it stalled in.
   */
  land(batch: TStreamMicroBatch, step: (name: string) => void): Promise<void>;
};

export type TStreamHandle = {
  /** Stops fetching but stays in the group (keeps its partitions); what is buffered lands. */
  pause(): Promise<void>;
  resume(): void;
  /** Lands what is buffered, commits and leaves the group (its partitions go to the other workers). */
  stop(): Promise<void>;
  /** Resolves when the stream ended by itself (an error it could not recover from), with that error. */
  ended: Promise<Error>;
  /** The partitions this consumer holds now, as "stream:partition". */
  assigned(): string[];
};

/** A partition's position for the lag display. */
export type TStreamPosition = { stream: string; partition: number; committed: bigint | null; end: bigint; lag: bigint };

export type TStreamingSource<TConfig> = {
  start(config: TConfig, input: TStreamingInput, ctx: TConnectorContext): Promise<TStreamHandle>;
  positions(config: TConfig, consumerGroup: string, streams: string[], ctx: TConnectorContext): Promise<TStreamPosition[]>;
};
