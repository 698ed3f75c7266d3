-- AlterTable
ALTER TABLE "ModelRun" ADD COLUMN     "queryIds" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "RunStream" ADD COLUMN     "queryIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
