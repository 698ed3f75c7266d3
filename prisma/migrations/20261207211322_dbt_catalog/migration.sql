-- AlterTable
ALTER TABLE "Check" ADD COLUMN     "dbtRunOnlyReason" TEXT,
ADD COLUMN     "removedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "CheckResult" ADD COLUMN     "dbtInvocationId" TEXT;

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "removedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "DbtNode" ADD COLUMN     "removedAt" TIMESTAMPTZ(3);

-- CreateIndex
CREATE UNIQUE INDEX "CheckResult_checkId_dbtInvocationId_key" ON "CheckResult"("checkId", "dbtInvocationId");
