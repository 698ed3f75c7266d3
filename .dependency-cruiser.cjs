/**
 * Layers point one way (docs/architecture.md#layers): app → components → server → engine →
 * connectors → lib; workers → engine; jobs and db under the engine. `npm run lint:deps` checks
 * this config and `npm test` runs it with the other checks before any test: an arrow that points up fails the run.
 *
 * Tests (`*.test.ts(x)`) and test fixtures (`*-fixture.ts`: test support, never app code) are exempt
 * from the layer rules, never from the cycle rule. That is needed: an integration test of a lower
 * layer drives it through a higher one (a connector test starts the test database, an engine test
 * creates its connections through the server's stores, the worker tests start the web app's
 * stores), and 4 fixtures do the same for them (postgres-fixture.ts and
 * postgres-destination-fixture.ts use src/db/test-database.ts, pipeline-fixture.ts reads a
 * transform run through the server, workers/stream-worker-fixture.ts sets a stream up through it).
 * Test support that needs a higher layer and is not a fixture lives in that layer
 * (src/server/testing/).
 */

/** Tests and test fixtures. */
const TEST = "(\\.test\\.tsx?$|-fixture\\.ts$)";

const APP = "^(app/|proxy\\.ts$)";
const COMPONENTS = "^src/components/";
const SERVER = "^src/server/";
const ENGINE = "^src/engine/";
const CONNECTORS = "^src/connectors/";
const JOBS = "^src/jobs/";
const DB = "^(src/db/|src/generated/)";
const LIB = "^src/lib/";
const WORKERS = "^workers/";
/** Entry points and tools that sit above every layer and that no layer may import. */
const TOOLS = "^src/(cli|bench|demo)/";

/** A rule that `from` (tests excepted) must not import any of `to`. */
function layer(name, comment, from, to) {
  return {
    name,
    comment,
    severity: "error",
    from: { path: from, pathNot: TEST },
    to: { path: `(${to.join("|")})` },
  };
}

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "A cycle makes modules that cannot be read, tested or loaded on their own.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    layer("lib-imports-up", "src/lib holds small generic helpers: it imports no other layer.", LIB, [
      CONNECTORS,
      ENGINE,
      SERVER,
      COMPONENTS,
      APP,
      JOBS,
      DB,
      WORKERS,
      TOOLS,
    ]),
    layer("connectors-import-up", "A connector knows lib only; the engine drives it.", CONNECTORS, [ENGINE, SERVER, COMPONENTS, APP, JOBS, DB, WORKERS, TOOLS]),
    layer("jobs-or-db-import-up", "Job kinds and the database client sit under the engine.", `(${JOBS}|${DB})`, [
      ENGINE,
      SERVER,
      COMPONENTS,
      APP,
      WORKERS,
      TOOLS,
    ]),
    layer("engine-imports-up", "The engine is the data plane: server and workers call it, never the reverse.", ENGINE, [
      SERVER,
      COMPONENTS,
      APP,
      WORKERS,
      TOOLS,
    ]),
    layer("server-imports-up", "tRPC, auth and services do not know the UI or the routes.", SERVER, [COMPONENTS, APP, WORKERS, TOOLS]),
    layer(
      "components-import-server-only-code",
      "React components run in the browser: they import server contracts and lib, never the engine, connectors, jobs or db.",
      COMPONENTS,
      [APP, ENGINE, CONNECTORS, JOBS, DB, WORKERS, TOOLS],
    ),
    layer(
      "ui-kit-imports-features",
      "src/components/ui is the UI kit every page is built from: it knows React and lib, never a feature folder or the server.",
      "^src/components/ui/",
      ["^src/components/(?!ui/)", SERVER, APP, ENGINE, CONNECTORS, JOBS, DB, WORKERS, TOOLS],
    ),
    layer("workers-import-web", "A worker runs engine, jobs, db, connectors and lib; never the web app's server or UI.", WORKERS, [SERVER, COMPONENTS, APP]),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: `import type { AppRouter }` points up as much as any other import.
    tsPreCompilationDeps: true,
  },
};
