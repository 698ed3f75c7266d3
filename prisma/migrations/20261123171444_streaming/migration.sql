-- CreateEnum
CREATE TYPE "StreamState" AS ENUM ('running', 'paused', 'stopped');

-- AlterEnum
ALTER TYPE "RunTrigger" ADD VALUE 'stream';

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "deadLetters" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "lastBatchAt" TIMESTAMPTZ(3),
ADD COLUMN     "streamError" TEXT,
ADD COLUMN     "streamState" "StreamState",
ADD COLUMN     "streamStateAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "windowStart" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "StreamPartition" (
    "connectionId" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "partition" INTEGER NOT NULL,
    "committedOffset" BIGINT,
    "endOffset" BIGINT NOT NULL,
    "lag" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StreamPartition_pkey" PRIMARY KEY ("connectionId","topic","partition")
);

-- CreateTable
CREATE TABLE "StreamSample" (
    "id" BIGSERIAL NOT NULL,
    "connectionId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "workerId" TEXT NOT NULL,
    "messages" INTEGER NOT NULL,
    "bytes" BIGINT NOT NULL,
    "deadLetters" INTEGER NOT NULL,
    "maxLatencyMs" INTEGER,

    CONSTRAINT "StreamSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StreamSample_connectionId_at_idx" ON "StreamSample"("connectionId", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Run_connectionId_windowStart_key" ON "Run"("connectionId", "windowStart");

-- AddForeignKey
ALTER TABLE "StreamPartition" ADD CONSTRAINT "StreamPartition_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StreamSample" ADD CONSTRAINT "StreamSample_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
