/**
 * The shared destination conformance suite against a real PostgreSQL: sync
 * modes, ledger, every Weir type, weird identifiers, schema evolution, killed
 * and failed attempts, and the edges: cursor boundary, objects, refusals,
 * failed DDL, type widening.
 */
import { createPgFixture } from "@/connectors/postgres-destination/postgres-destination-fixture";
import { describeDestinationConformance } from "@/connectors/testing/destination-conformance";

describeDestinationConformance("postgres-destination", async () => {
  const fixture = await createPgFixture();
  return {
    openSession: () => fixture.open(),
    readTable: (namespace, table, columns) => fixture.readTable(namespace, table, columns),
    listTables: (namespace) => fixture.listTables(namespace),
    listColumns: (namespace, table) => fixture.listColumns(namespace, table),
    teardown: () => fixture.drop(),
  };
});
