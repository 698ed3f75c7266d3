// Runs `prisma generate` offline. The Prisma CLI insists on a schema engine
// binary it would download; generating the client does not use it, so we hand
// the CLI a stub that only answers --version (see docs/migrations.md).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const stub = path.join(here, "offline-schema-engine.sh");
if (existsSync(stub)) chmodSync(stub, 0o755);
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
const bin = path.join(here, "..", "node_modules", ".bin", "prisma");
const result = spawnSync(bin, ["generate"], { stdio: "inherit", env, cwd: path.join(here, "..") });
process.exit(result.status ?? 1);
