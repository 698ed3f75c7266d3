/**
 * Weir runs on Node 24 LTS: `npm install` puts the `node` package's Node 24
 * binary in node_modules/.bin, which npm scripts (npm start, npm test, the
 * worker) run with, even on a machine whose own Node is 20. This test runs
 * under `npm test`, so it fails if that route stops working.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { WORKER_NODE_FLAGS } from "@/lib/worker-node-flags";

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  scripts: Record<string, string>;
};

describe("runtime", () => {
  it("is the Node 24 LTS that package.json pins", () => {
    expect(process.versions.node).toBe(pkg.dependencies.node);
    expect(Number(process.versions.node.split(".")[0])).toBe(24);
  });

  it("starts `npm run worker` with the worker's Node flags, as `npm start` does", () => {
    expect(pkg.scripts.worker).toBe(`node ${WORKER_NODE_FLAGS.join(" ")} --import tsx workers/main.ts`);
  });
});
