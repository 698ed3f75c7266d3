// Prisma CLI configuration. Weir applies migrations itself (src/db/migrations.ts),
// so the CLI only needs this for `prisma generate` and, where it can download
// its engine, `prisma migrate deploy`.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/weir" },
});
