-- AlterTable
ALTER TABLE "Check" ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'weir';

-- CreateTable
CREATE TABLE "DbtImport" (
    "id" UUID NOT NULL,
    "project" TEXT,
    "dbtVersion" TEXT NOT NULL,
    "destinationId" UUID NOT NULL,
    "resultsAt" TIMESTAMPTZ(3),
    "importedById" UUID,
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DbtImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DbtNode" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "uniqueId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "materialization" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT,
    "sql" TEXT,
    "path" TEXT,
    "upstream" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "columns" JSONB NOT NULL DEFAULT '[]',
    "lastStatus" TEXT,
    "lastRunSeconds" DOUBLE PRECISION,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DbtNode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DbtNode_uniqueId_key" ON "DbtNode"("uniqueId");

-- AddForeignKey
ALTER TABLE "DbtImport" ADD CONSTRAINT "DbtImport_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DbtNode" ADD CONSTRAINT "DbtNode_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DbtImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;
