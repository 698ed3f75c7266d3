// applyMigrations, pendingMigrations, createMigration and schemaDrift against a real PostgreSQL.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, queryOnce, type TTestDatabase } from "@/db/test-database";
import {
  applyMigrations,
  createMigration,
  listMigrationNames,
  nextTimestamp,
  pendingMigrations,
  resolveMigration,
  schemaDrift,
  toSnakeName,
} from "@/db/migrations";

const databases: TTestDatabase[] = [];
const tempDirs: string[] = [];
let shadowServerUrl: string;

async function newDatabase(): Promise<string> {
  const database = await createTestDatabase();
  databases.push(database);
  return database.url;
}

/** A scratch copy of prisma/ (schema and migrations) that a test may change. */
function scratchPrisma(): { schemaPath: string; migrationsDir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-migrations-test-"));
  tempDirs.push(dir);
  fs.cpSync("prisma/migrations", path.join(dir, "migrations"), { recursive: true });
  fs.copyFileSync("prisma/schema.prisma", path.join(dir, "schema.prisma"));
  return { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
}

beforeAll(async () => {
  shadowServerUrl = await newDatabase();
});

afterAll(async () => {
  await Promise.all(databases.map((d) => d.drop()));
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("applyMigrations", () => {
  it("applies every migration to an empty database and records it as prisma migrate deploy does", async () => {
    const url = await newDatabase();
    const names = await listMigrationNames();
    expect(names.length).toBeGreaterThan(0);

    const { applied } = await applyMigrations(url);

    expect(applied).toEqual(names);
    const rows = await queryOnce<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      "SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name",
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = fs.readFileSync(path.join("prisma/migrations", row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(crypto.createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await queryOnce<{ table_name: string }>(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    expect(tables.map((t) => t.table_name)).toContain("User");
  });

  it("does nothing the second time", async () => {
    const url = await newDatabase();
    await applyMigrations(url);

    expect(await applyMigrations(url)).toEqual({ applied: [] });
    const [count] = await queryOnce<{ n: string }>(url, "SELECT count(*) AS n FROM _prisma_migrations");
    expect(Number(count?.n)).toBe((await listMigrationNames()).length);
  });

  it("lets two processes starting together both succeed, applying each migration once", async () => {
    const url = await newDatabase();

    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);

    const names = await listMigrationNames();
    expect([...a.applied, ...b.applied].sort()).toEqual(names);
    expect(a.applied.length === 0 || b.applied.length === 0).toBe(true);
    const [count] = await queryOnce<{ n: string }>(url, "SELECT count(*) AS n FROM _prisma_migrations");
    expect(Number(count?.n)).toBe(names.length);
  });

  it("runs a migration as one script, so semicolons inside strings and function bodies survive", async () => {
    const url = await newDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-migrations-test-"));
    tempDirs.push(dir);
    fs.mkdirSync(path.join(dir, "20250101000000_tricky"));
    fs.writeFileSync(
      path.join(dir, "20250101000000_tricky", "migration.sql"),
      `CREATE TABLE "note" ("body" TEXT NOT NULL DEFAULT 'a;b');\n` +
        `CREATE FUNCTION "two"() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; RETURN 2; END $$;\n`,
    );

    await applyMigrations(url, dir);

    const [row] = await queryOnce<{ d: string; two: number }>(
      url,
      `SELECT column_default AS d, "two"() AS two FROM information_schema.columns WHERE table_name = 'note'`,
    );
    expect(row).toEqual({ d: "'a;b'::text", two: 1 });
  });

  it("rolls a failing migration back whole and says which one failed, without the password", async () => {
    const url = await newDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-migrations-test-"));
    tempDirs.push(dir);
    fs.mkdirSync(path.join(dir, "20250101000000_broken"));
    fs.writeFileSync(path.join(dir, "20250101000000_broken", "migration.sql"), `CREATE TABLE "half" ("id" INT);\nSELECT * FROM "missing";\n`);

    const error = await applyMigrations(url, dir).then(
      () => null,
      (e: Error) => e,
    );

    expect(error?.message).toMatch(/20250101000000_broken/);
    expect(error?.message).toMatch(/missing/);
    expect(error?.message).not.toContain(new URL(url).password);
    const tables = await queryOnce(url, "SELECT 1 FROM information_schema.tables WHERE table_name = 'half'");
    expect(tables).toHaveLength(0);
    expect(await pendingMigrations(url, dir)).toEqual(["20250101000000_broken"]);
    const again = await applyMigrations(url, dir).then(
      () => null,
      (e: Error) => e,
    );
    expect(again?.message).toMatch(/failed migrations.*\n.*20250101000000_broken/);

    fs.writeFileSync(path.join(dir, "20250101000000_broken", "migration.sql"), `CREATE TABLE "half" ("id" INT);\n`);
    await resolveMigration(url, "20250101000000_broken", "rolled-back", dir);
    expect(await applyMigrations(url, dir)).toEqual({ applied: ["20250101000000_broken"] });
  });
});

describe("pendingMigrations", () => {
  it("lists every migration before the first apply and none after", async () => {
    const url = await newDatabase();
    const names = await listMigrationNames();

    expect(await pendingMigrations(url)).toEqual(names);
    await applyMigrations(url);
    expect(await pendingMigrations(url)).toEqual([]);
  });

  it("reports a migration added to the folder after the last apply", async () => {
    const url = await newDatabase();
    const { migrationsDir } = scratchPrisma();
    await applyMigrations(url, migrationsDir);
    fs.mkdirSync(path.join(migrationsDir, "29990101000000_later"));
    fs.writeFileSync(path.join(migrationsDir, "29990101000000_later", "migration.sql"), "SELECT 1;\n");

    expect(await pendingMigrations(url, migrationsDir)).toEqual(["29990101000000_later"]);
  });
});

describe("createMigration", () => {
  it("writes the SQL for a new model into a timestamped folder, then finds nothing more to do", async () => {
    const { schemaPath, migrationsDir } = scratchPrisma();
    fs.appendFileSync(schemaPath, `\nmodel Widget {\n  id   Int    @id @default(autoincrement())\n  name String @unique\n}\n`);
    const now = new Date("2999-01-02T03:04:05Z");

    const created = await createMigration("Add widgets", { schemaPath, migrationsDir, shadowServerUrl, now });

    expect(created?.dir).toBe(path.join(migrationsDir, "29990102030405_add_widgets"));
    expect(created?.sql).toMatch(/CREATE TABLE "Widget"/);
    expect(created?.sql).toMatch(/CREATE UNIQUE INDEX "Widget_name_key"/);
    expect(created?.sql).not.toMatch(/"User"/);
    expect(fs.readFileSync(path.join(created!.dir, "migration.sql"), "utf8")).toBe(created?.sql);
    expect(await createMigration("again", { schemaPath, migrationsDir, shadowServerUrl })).toBeNull();
  });

  it("returns null and writes nothing when the schema matches the migrations", async () => {
    const { schemaPath, migrationsDir } = scratchPrisma();
    const before = fs.readdirSync(migrationsDir);

    expect(await createMigration("nothing", { schemaPath, migrationsDir, shadowServerUrl })).toBeNull();
    expect(fs.readdirSync(migrationsDir)).toEqual(before);
  });

  it("starts from an empty folder and writes the lockfile Prisma expects", async () => {
    const { schemaPath, migrationsDir } = scratchPrisma();
    fs.rmSync(migrationsDir, { recursive: true });

    const created = await createMigration("init", { schemaPath, migrationsDir, shadowServerUrl });

    expect(created?.sql).toMatch(/CREATE TABLE "User"/);
    expect(fs.readFileSync(path.join(migrationsDir, "migration_lock.toml"), "utf8")).toMatch(/^provider = "postgresql"$/m);
  });
});

describe("schemaDrift", () => {
  it("finds no difference between the committed migrations and prisma/schema.prisma", async () => {
    expect(await schemaDrift({ shadowServerUrl })).toBeNull();
  });

  it("shows the SQL a forgotten change needs", async () => {
    const { schemaPath, migrationsDir } = scratchPrisma();
    fs.writeFileSync(schemaPath, fs.readFileSync(schemaPath, "utf8").replace(/^(\s*name\s+String\?)/m, "$1\n  nickname String?"));

    expect(await schemaDrift({ schemaPath, migrationsDir, shadowServerUrl })).toMatch(/ADD COLUMN\s+"nickname" TEXT/);
  });
});

describe("migration names", () => {
  it("turns a description into snake_case", () => {
    expect(toSnakeName("Add connections table")).toBe("add_connections_table");
    expect(toSnakeName("addUserRole")).toBe("add_user_role");
    expect(() => toSnakeName(" !! ")).toThrow(/not a usable migration name/);
  });

  it("stamps in UTC and never sorts before an existing migration", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "weir-migrations-test-"));
    tempDirs.push(dir);
    expect(nextTimestamp(dir, new Date("2025-06-07T08:09:10Z"))).toBe("20250607080910");
    fs.mkdirSync(path.join(dir, "20250607080910_first"));
    expect(nextTimestamp(dir, new Date("2025-06-07T08:09:10Z"))).toBe("20250607080911");
  });
});
