/**
 * The demo `shop` database for browser tests that change its rows.
 */
import pg from "pg";
import type { TWeirRun } from "./weir";

/** A client on the demo `shop` database. Its application_name lets its own updates through holdDemoCustomerUpdates. */
export async function shopClient(run: TWeirRun): Promise<pg.Client> {
  const client = new pg.Client({ ...run.pg, database: "shop", application_name: "weir-e2e" });
  await client.connect();
  return client;
}

/**
 * The demo's `demo.mutate-shop` job updates random customers every minute
 * (workers/handlers/demo-mutate-shop.ts), which would change what a test
 * loads at random. Until the returned release is called, customer updates
 * from any other session are skipped; the test's own (application_name
 * weir-e2e) go through. `name` keeps the holds of specs running side by
 * side apart.
 */
export async function holdDemoCustomerUpdates(shop: pg.Client, name: string): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`hold name "${name}" must be lower-case letters, digits and underscores, not starting with a digit`);
  await shop.query(`
    CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('application_name') = 'weir-e2e' THEN RETURN NEW; END IF;
      RETURN NULL;
    END $$;
    DROP TRIGGER IF EXISTS ${name} ON customers;
    CREATE TRIGGER ${name} BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION ${name}();
  `);
  return async () => {
    await shop.query(`DROP TRIGGER IF EXISTS ${name} ON customers; DROP FUNCTION IF EXISTS ${name}()`);
  };
}
