-- AlterTable
ALTER TABLE "ConnectionStream" ADD COLUMN     "columnOverrides" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "pendingSchema" JSONB;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "rowsRead" BIGINT;

-- AlterTable
ALTER TABLE "RunStream" ADD COLUMN     "rowsRead" BIGINT;

-- Runs before this migration counted the rows they read as their rows. Keep that as rowsRead and count as
-- committed only what streams that succeeded loaded (streaming hours count landed rows: left as they are).
UPDATE "RunStream" rs SET "rowsRead" = rs."rows", "rows" = CASE WHEN rs."status" = 'succeeded' THEN rs."rows" ELSE 0 END
FROM "Run" r WHERE r."id" = rs."runId" AND r."trigger" <> 'stream';
UPDATE "Run" r SET "rowsRead" = r."rows",
  "rows" = COALESCE((SELECT sum(rs."rows") FROM "RunStream" rs WHERE rs."runId" = r."id" AND rs."status" = 'succeeded'), 0)
WHERE r."trigger" <> 'stream';
