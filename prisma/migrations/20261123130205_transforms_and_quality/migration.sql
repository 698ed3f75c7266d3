-- CreateEnum
CREATE TYPE "ModelLayer" AS ENUM ('bronze', 'silver', 'gold');

-- CreateEnum
CREATE TYPE "Materialization" AS ENUM ('view', 'table', 'incremental');

-- CreateEnum
CREATE TYPE "ModelRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'blocked', 'skipped', 'cancelled');

-- CreateEnum
CREATE TYPE "CheckSeverity" AS ENUM ('warn', 'error');

-- CreateEnum
CREATE TYPE "CheckStatus" AS ENUM ('passed', 'failed', 'error');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "Model" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "layer" "ModelLayer" NOT NULL,
    "materialization" "Materialization" NOT NULL DEFAULT 'view',
    "uniqueKey" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "sql" TEXT NOT NULL,
    "refs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT,
    "columnDescriptions" JSONB NOT NULL DEFAULT '{}',
    "destinationId" UUID NOT NULL,
    "schema" TEXT NOT NULL,
    "schedule" TEXT,
    "origin" TEXT NOT NULL DEFAULT 'ui',
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TransformRun" (
    "id" UUID NOT NULL,
    "selector" TEXT NOT NULL,
    "trigger" "RunTrigger" NOT NULL DEFAULT 'manual',
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "error" TEXT,
    "upstreamRunId" UUID,
    "triggeredById" UUID,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "TransformRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelRun" (
    "id" UUID NOT NULL,
    "transformRunId" UUID NOT NULL,
    "modelId" UUID NOT NULL,
    "status" "ModelRunStatus" NOT NULL DEFAULT 'queued',
    "incremental" BOOLEAN NOT NULL DEFAULT false,
    "compiledSql" TEXT,
    "rows" BIGINT,
    "error" TEXT,
    "reason" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,

    CONSTRAINT "ModelRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Check" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "destinationId" UUID NOT NULL,
    "datasetSchema" TEXT NOT NULL,
    "datasetTable" TEXT NOT NULL,
    "modelId" UUID,
    "connectionId" UUID,
    "stream" TEXT,
    "definition" JSONB NOT NULL,
    "severity" "CheckSeverity" NOT NULL DEFAULT 'error',
    "mostly" DOUBLE PRECISION,
    "automatic" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Check_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckResult" (
    "id" UUID NOT NULL,
    "checkId" UUID NOT NULL,
    "status" "CheckStatus" NOT NULL,
    "observed" DOUBLE PRECISION,
    "failingRows" BIGINT,
    "totalRows" BIGINT,
    "sample" JSONB NOT NULL DEFAULT '[]',
    "message" TEXT NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "syncRunId" UUID,
    "transformRunId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "checkId" UUID NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedById" UUID,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedById" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "autoResolved" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Model_name_key" ON "Model"("name");

-- CreateIndex
CREATE INDEX "TransformRun_queuedAt_idx" ON "TransformRun"("queuedAt" DESC);

-- CreateIndex
CREATE INDEX "ModelRun_modelId_startedAt_idx" ON "ModelRun"("modelId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "ModelRun_transformRunId_idx" ON "ModelRun"("transformRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Check_destinationId_datasetSchema_datasetTable_name_key" ON "Check"("destinationId", "datasetSchema", "datasetTable", "name");

-- CreateIndex
CREATE INDEX "CheckResult_checkId_createdAt_idx" ON "CheckResult"("checkId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_checkId_status_idx" ON "Incident"("checkId", "status");

-- CreateIndex
CREATE INDEX "Incident_status_openedAt_idx" ON "Incident"("status", "openedAt" DESC);

-- AddForeignKey
ALTER TABLE "Model" ADD CONSTRAINT "Model_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelRun" ADD CONSTRAINT "ModelRun_transformRunId_fkey" FOREIGN KEY ("transformRunId") REFERENCES "TransformRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelRun" ADD CONSTRAINT "ModelRun_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Check" ADD CONSTRAINT "Check_destinationId_fkey" FOREIGN KEY ("destinationId") REFERENCES "Destination"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Check" ADD CONSTRAINT "Check_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "Model"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckResult" ADD CONSTRAINT "CheckResult_transformRunId_fkey" FOREIGN KEY ("transformRunId") REFERENCES "TransformRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_checkId_fkey" FOREIGN KEY ("checkId") REFERENCES "Check"("id") ON DELETE CASCADE ON UPDATE CASCADE;
