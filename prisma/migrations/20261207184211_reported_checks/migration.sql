-- AlterTable
ALTER TABLE "Check" ADD COLUMN     "datasetId" UUID,
ALTER COLUMN "destinationId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Check_datasetId_name_key" ON "Check"("datasetId", "name");

-- AddForeignKey
ALTER TABLE "Check" ADD CONSTRAINT "Check_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A check is either run by Weir in a warehouse or reported by a producer on a catalog dataset, never both or neither.
ALTER TABLE "Check" ADD CONSTRAINT "Check_warehouse_or_reported" CHECK (("destinationId" IS NULL) <> ("datasetId" IS NULL));
