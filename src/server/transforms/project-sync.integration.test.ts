/**
 * Models kept as files in a project folder, synced through model.syncProject
 * against a real database: create, update, unchanged, delete, and clear
 * errors naming the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { db } from "@/db/client";
import { buildUser, callerFor, setUpTestApp } from "@/server/testing/test-app";

let teardown: () => Promise<void>;
let folder: string;
let api: ReturnType<typeof callerFor>;

const write = (relative: string, text: string) => {
  const file = path.join(folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

beforeAll(async () => {
  ({ teardown } = await setUpTestApp());
  await db().destination.create({ data: { name: "Project warehouse", connector: "duckdb", config: {} } });
  folder = mkdtempSync(path.join(os.tmpdir(), "weir-project-"));
  process.env.WEIR_MODELS_DIR = folder;
  api = callerFor(await buildUser({ role: "engineer" }));
});
afterAll(async () => {
  delete process.env.WEIR_MODELS_DIR;
  await teardown();
  rmSync(folder, { recursive: true, force: true });
});

describe("model.syncProject", () => {
  it("creates the models the files describe, in dependency order, with their properties", async () => {
    write("weir_project.yml", "destination: Project warehouse\n");
    write("models/gold/revenue.sql", "select country, sum(amount) as revenue from {{ ref('orders_clean') }} group by 1");
    write("models/gold/revenue.yml", "description: Revenue per country\nowner: finance\nmaterialization: table\ncolumns:\n  revenue: Sum of amounts\n");
    write("models/silver/sales/orders_clean.sql", "{{ config(materialized='incremental', unique_key='order_id') }}\nselect * from bronze.orders");
    expect(await callerFor(await buildUser({ role: "viewer" })).model.project()).toEqual({ configured: true });
    expect(await api.model.syncProject()).toEqual({ created: ["orders_clean", "revenue"], updated: [], unchanged: [], deleted: [] });
    const models = await api.model.list();
    expect(models.find((m) => m.name === "revenue")).toMatchObject({
      layer: "gold",
      materialization: "table",
      owner: "finance",
      description: "Revenue per country",
      columnDescriptions: { revenue: "Sum of amounts" },
      origin: "file:models/gold/revenue.sql",
      refs: ["orders_clean"],
    });
    expect(models.find((m) => m.name === "orders_clean")).toMatchObject({
      layer: "silver",
      materialization: "incremental",
      uniqueKey: ["order_id"],
      origin: "file:models/silver/sales/orders_clean.sql",
    });
  });

  it("updates what changed, leaves the rest, and deletes models whose files are gone", async () => {
    write("models/gold/revenue.sql", "select country, sum(amount) as revenue, count(*) as orders from {{ ref('orders_clean') }} group by 1");
    expect(await api.model.syncProject()).toEqual({ created: [], updated: ["revenue"], unchanged: ["orders_clean"], deleted: [] });
    rmSync(path.join(folder, "models/gold"), { recursive: true });
    rmSync(path.join(folder, "models/silver"), { recursive: true });
    expect(await api.model.syncProject()).toEqual({ created: [], updated: [], unchanged: [], deleted: ["revenue", "orders_clean"] });
  });

  it("names the file at fault and never touches models made in the UI", async () => {
    const destinationId = (await db().destination.findUniqueOrThrow({ where: { name: "Project warehouse" } })).id;
    await api.model.create({ name: "hand_made", layer: "silver", sql: "select 1 as x", destinationId });
    write("models/silver/hand_made.sql", "select 2 as x");
    await expect(api.model.syncProject()).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'models/silver/hand_made.sql: a model named "hand_made" was made in Weir\'s UI; rename the file or that model',
    });
    rmSync(path.join(folder, "models/silver/hand_made.sql"));
    write("models/platinum/x.sql", "select 1");
    await expect(api.model.syncProject()).rejects.toMatchObject({
      message: expect.stringMatching(/^models\/platinum\/x\.sql: models live under models\/bronze/),
    });
    rmSync(path.join(folder, "models/platinum"), { recursive: true });
    write("models/silver/bad.sql", "select {{ nope }}");
    await expect(api.model.syncProject()).rejects.toMatchObject({ message: expect.stringMatching(/unknown name "nope"/) });
    write("models/silver/bad.sql", "select 1");
    write("models/silver/bad.yml", "owner: [1, 2\n");
    await expect(api.model.syncProject()).rejects.toMatchObject({ message: expect.stringMatching(/^models\/silver\/bad\.yml: not valid YAML/) });
    write("weir_project.yml", "destination: Nowhere\n");
    await expect(api.model.syncProject()).rejects.toMatchObject({ message: 'weir_project.yml: there is no destination named "Nowhere"' });
    expect((await api.model.list()).find((m) => m.name === "hand_made")).toMatchObject({ origin: "ui" });
  });
});
