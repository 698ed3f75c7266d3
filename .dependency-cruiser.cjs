/**
 * Layers point one way (docs/architecture.md#layers): app → components → server → engine →
 * connectors → lib; workers → engine; jobs and db under the engine. `npm run lint:deps` checks
 * this config and `npm test` runs it first in the unit tier: an arrow that points up fails the run.
 *
 * Tests and their fixtures are exempt from the layer rules (never from the cycle rule): an
 * integration test of a lower layer drives it through a higher one (a connector test starts the
 * test database, an engine test sets a scene up through the app's own stores), and a fixture is
 * test support that only tests import. They are named so a path says what they are.
 */

/** Test code: `*.test.ts(x)`, `testing/` folders, `*-fixture.ts` and `fixtures/` folders. */
const TEST = "(\\.test\\.tsx?$|/testing/|-fixture\\.ts$|/fixtures/|^src/db/test-database\\.ts$)";

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
    layer("lib-imports-up", "src/lib holds small generic helpers: it imports no other layer.", LIB, [CONNECTORS, ENGINE, SERVER, COMPONENTS, APP, JOBS, DB, WORKERS, TOOLS]),
    layer("connectors-import-up", "A connector knows lib only; the engine drives it.", CONNECTORS, [ENGINE, SERVER, COMPONENTS, APP, JOBS, DB, WORKERS, TOOLS]),
    layer("jobs-or-db-import-up", "Job kinds and the database client sit under the engine.", `(${JOBS}|${DB})`, [ENGINE, SERVER, COMPONENTS, APP, WORKERS, TOOLS]),
    layer("engine-imports-up", "The engine is the data plane: server and workers call it, never the reverse.", ENGINE, [SERVER, COMPONENTS, APP, WORKERS, TOOLS]),
    layer("server-imports-up", "tRPC, auth and services do not know the UI or the routes.", SERVER, [COMPONENTS, APP, WORKERS, TOOLS]),
    layer(
      "components-import-server-only-code",
      "React components run in the browser: they import server contracts and lib, never the engine, connectors, jobs or db.",
      COMPONENTS,
      [APP, ENGINE, CONNECTORS, JOBS, DB, WORKERS, TOOLS],
    ),
    layer("workers-import-web", "A worker runs engine, jobs, db, connectors and lib; never the web app's server or UI.", WORKERS, [SERVER, COMPONENTS, APP]),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: `import type { AppRouter }` points up as much as any other import.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
