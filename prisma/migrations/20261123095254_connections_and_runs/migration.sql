-- CreateEnum
CREATE TYPE "SchemaChangePolicy" AS ENUM ('propagate', 'pause', 'ignore');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "SyncMode" AS ENUM ('full_refresh_overwrite', 'full_refresh_append', 'incremental_append', 'incremental_dedup');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "RunTrigger" AS ENUM ('manual', 'schedule', 'upstream');

-- CreateTable
CREATE TABLE "Source" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "catalog" JSONB,
    "discoveredAt" TIMESTAMPTZ(3),
    "lastCheckAt" TIMESTAMPTZ(3),
    "lastCheckOk" BOOLEAN,
    "lastCheckMessage" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Source_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Destination" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "connector" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "lastCheckAt" TIMESTAMPTZ(3),
    "lastCheckOk" BOOLEAN,
    "lastCheckMessage" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Destination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "sourceId" UUID NOT NULL,
    "destinationId" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "tablePrefix" TEXT NOT NULL DEFAULT '',
    "schedule" TEXT,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'active',
    "pausedReason" TEXT,
    "schemaChangePolicy" "SchemaChangePolicy" NOT NULL DEFAULT 'propagate',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectionStream" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "stream" TEXT NOT NULL,
    "selected" BOOLEAN NOT NULL DEFAULT true,
    "syncMode" "SyncMode" NOT NULL DEFAULT 'full_refresh_overwrite',
    "cursorField" TEXT,
    "primaryKey" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "columns" JSONB NOT NULL DEFAULT '[]',
    "state" JSONB,
    "stateUpdatedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConnectionStream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "trigger" "RunTrigger" NOT NULL DEFAULT 'manual',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "rows" BIGINT NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "estimatedRows" BIGINT,
    "error" TEXT,
    "jobId" TEXT,
    "triggeredById" UUID,
    "cancelRequestedAt" TIMESTAMPTZ(3),
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunStream" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "stream" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "rows" BIGINT NOT NULL DEFAULT 0,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "estimatedRows" BIGINT,
    "durationMs" INTEGER,
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RunStream_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunLog" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "RunLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchemaChangeEvent" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "runId" UUID,
    "stream" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "fromType" TEXT,
    "toType" TEXT,
    "action" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchemaChangeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Source_name_key" ON "Source"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Destination_name_key" ON "Destination"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_name_key" ON "Connection"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectionStream_connectionId_stream_key" ON "ConnectionStream"("connectionId", "stream");

-- CreateIndex
CREATE INDEX "Run_connectionId_queuedAt_idx" ON "Run"("connectionId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "Run_status_queuedAt_idx" ON "Run"("status", "queuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunStream_runId_stream_key" ON "RunStream"("runId", "stream");

-- CreateIndex
CREATE INDEX "RunLog_runId_id_idx" ON "RunLog"("runId", "id");

-- CreateIndex
CREATE INDEX "SchemaChangeEvent_connectionId_createdAt_idx" ON "SchemaChangeEvent"("connectionId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConnectionStream" ADD CONSTRAINT "ConnectionStream_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunStream" ADD CONSTRAINT "RunStream_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLog" ADD CONSTRAINT "RunLog_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchemaChangeEvent" ADD CONSTRAINT "SchemaChangeEvent_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;
