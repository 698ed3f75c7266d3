/**
 * Node flags of every worker process (`npm start`'s worker, `npm run worker`,
 * and the benches and tests that stand in for one). Node 24's V8 lets the
 * young generation grow to larger semi-spaces than Node 20's did; a batch
 * sync then held ~45–75 MB more (5,000,000 rows into DuckDB, peak RSS: Node
 * 20 479 MB, Node 24 521–557 MB, Node 24 with these flags 457 MB; see
 * docs/performance.md). 16 MB is Node 20's ceiling.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=16"];
