/**
 * The shared destination conformance suite against Snowflake, as the
 * emulator serves it (fakesnow behind the real snowflake-sdk): sync modes,
 * ledger, every Weir type, weird identifiers, schema evolution, killed and
 * failed attempts. What the emulator cannot show is listed in
 * docs/connectors/snowflake.md.
 */
import { createSnowflakeFixture } from "@/connectors/snowflake/snowflake-fixture";
import { describeDestinationConformance } from "@/connectors/testing/destination-conformance";

describeDestinationConformance("Snowflake (emulator)", createSnowflakeFixture);
