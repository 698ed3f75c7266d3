// The shared destination conformance suite against a real DuckDB file.
import { createTestWarehouse } from "@/connectors/duckdb/duckdb-fixture";
import { describeDestinationConformance } from "@/connectors/testing/destination-conformance";

describeDestinationConformance("DuckDB", createTestWarehouse);
