-- Trigram similarity for typo-tolerant catalog search (contrib, shipped with PostgreSQL and embedded-postgres).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateTable
CREATE TABLE "Dataset" (
    "id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "layer" "ModelLayer",
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rowCount" BIGINT,
    "sizeBytes" BIGINT,
    "lastUpdatedAt" TIMESTAMPTZ(3),
    "qualityStatus" TEXT,
    "freshnessStatus" TEXT,
    "editedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "searchText" TEXT NOT NULL DEFAULT '',
    "sourceId" UUID,
    "destinationId" UUID,
    "connectionId" UUID,
    "stream" TEXT,
    "modelId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetColumn" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL DEFAULT '',
    "pii" BOOLEAN NOT NULL DEFAULT false,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "editedFields" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "DatasetColumn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineageJob" (
    "id" UUID NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "lastCompleteRunId" UUID,
    "lastCompleteAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LineageJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineageRun" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "producer" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LineageRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineageRunDataset" (
    "runId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "eventTime" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LineageRunDataset_pkey" PRIMARY KEY ("runId","datasetId","role")
);

-- CreateTable
CREATE TABLE "LineageEvent" (
    "id" BIGSERIAL NOT NULL,
    "runId" UUID NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventTime" TIMESTAMPTZ(3) NOT NULL,
    "producer" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedFrom" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LineageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineageEdge" (
    "id" UUID NOT NULL,
    "jobId" UUID NOT NULL,
    "inputId" UUID NOT NULL,
    "outputId" UUID NOT NULL,
    "firstRunId" UUID NOT NULL,
    "lastRunId" UUID NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "unresolved" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "LineageEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ColumnEdge" (
    "id" UUID NOT NULL,
    "edgeId" UUID NOT NULL,
    "inputColumn" TEXT NOT NULL,
    "outputColumn" TEXT NOT NULL,
    "transformation" TEXT NOT NULL DEFAULT 'DIRECT/IDENTITY',
    "lastRunId" UUID NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ColumnEdge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Dataset_platform_idx" ON "Dataset"("platform");

-- CreateIndex
CREATE INDEX "Dataset_layer_idx" ON "Dataset"("layer");

-- CreateIndex
CREATE INDEX "Dataset_owner_idx" ON "Dataset"("owner");

-- CreateIndex
CREATE INDEX "Dataset_qualityStatus_idx" ON "Dataset"("qualityStatus");

-- CreateIndex
CREATE INDEX "Dataset_modelId_idx" ON "Dataset"("modelId");

-- CreateIndex
CREATE INDEX "Dataset_destinationId_idx" ON "Dataset"("destinationId");

-- CreateIndex
CREATE INDEX "Dataset_searchText_idx" ON "Dataset" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Dataset_tags_idx" ON "Dataset" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_namespace_name_key" ON "Dataset"("namespace", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetColumn_datasetId_name_key" ON "DatasetColumn"("datasetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "LineageJob_namespace_name_key" ON "LineageJob"("namespace", "name");

-- CreateIndex
CREATE INDEX "LineageRun_jobId_startedAt_idx" ON "LineageRun"("jobId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "LineageRunDataset_datasetId_eventTime_idx" ON "LineageRunDataset"("datasetId", "eventTime" DESC);

-- CreateIndex
CREATE INDEX "LineageEvent_runId_id_idx" ON "LineageEvent"("runId", "id");

-- CreateIndex
CREATE INDEX "LineageEdge_inputId_idx" ON "LineageEdge"("inputId");

-- CreateIndex
CREATE INDEX "LineageEdge_outputId_idx" ON "LineageEdge"("outputId");

-- CreateIndex
CREATE UNIQUE INDEX "LineageEdge_jobId_inputId_outputId_key" ON "LineageEdge"("jobId", "inputId", "outputId");

-- CreateIndex
CREATE UNIQUE INDEX "ColumnEdge_edgeId_inputColumn_outputColumn_key" ON "ColumnEdge"("edgeId", "inputColumn", "outputColumn");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_name_key" ON "ApiToken"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- AddForeignKey
ALTER TABLE "DatasetColumn" ADD CONSTRAINT "DatasetColumn_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageRun" ADD CONSTRAINT "LineageRun_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "LineageJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageRunDataset" ADD CONSTRAINT "LineageRunDataset_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LineageRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageRunDataset" ADD CONSTRAINT "LineageRunDataset_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEvent" ADD CONSTRAINT "LineageEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LineageRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEdge" ADD CONSTRAINT "LineageEdge_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "LineageJob"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ColumnEdge" ADD CONSTRAINT "ColumnEdge_edgeId_fkey" FOREIGN KEY ("edgeId") REFERENCES "LineageEdge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search over the catalog (ranked by ts_rank); not expressible in schema.prisma, so kept here.
CREATE INDEX "Dataset_searchText_fts_idx" ON "Dataset" USING GIN (to_tsvector('simple', "searchText"));
