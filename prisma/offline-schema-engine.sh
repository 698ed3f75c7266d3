#!/bin/sh
# Stand-in for Prisma's schema engine binary: `prisma generate` only asks it for
# its version. Migrations are created and applied by src/db/migrations.ts.
echo "schema-engine-cli 8.1.0-1.d1b3f377ca835d73fd50954a5e22128b9ebdd6b8"
