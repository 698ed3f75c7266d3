-- AlterTable
ALTER TABLE "ApiToken" ADD COLUMN     "namespaces" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "provenance" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "DatasetColumn" ADD COLUMN     "removedAt" TIMESTAMPTZ(3);
