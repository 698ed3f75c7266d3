-- CreateEnum
CREATE TYPE "FreshnessKind" AS ENUM ('max_age', 'daily_by');

-- CreateEnum
CREATE TYPE "AlertChannelKind" AS ENUM ('webhook', 'slack', 'email');

-- CreateEnum
CREATE TYPE "AlertRuleKind" AS ENUM ('run_failed', 'consecutive_failures', 'duration_above_median', 'freshness_breach', 'check_failed', 'stream_lag', 'workers_below');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('firing', 'resolved');

-- CreateEnum
CREATE TYPE "AlertEvent" AS ENUM ('fired', 'reminder', 'resolved');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "FreshnessDeadline" (
    "id" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "kind" "FreshnessKind" NOT NULL,
    "maxAgeSeconds" INTEGER,
    "dailyBy" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "FreshnessDeadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FreshnessBreach" (
    "id" UUID NOT NULL,
    "deadlineId" UUID NOT NULL,
    "datasetId" UUID NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "lastUpdatedAt" TIMESTAMPTZ(3),
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),

    CONSTRAINT "FreshnessBreach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AlertChannelKind" NOT NULL,
    "config" JSONB NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "AlertRuleKind" NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "scope" JSONB NOT NULL DEFAULT '{}',
    "channelIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "repeatSeconds" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertCondition" (
    "ruleId" UUID NOT NULL,
    "targetKey" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AlertCondition_pkey" PRIMARY KEY ("ruleId","targetKey")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "targetKey" TEXT NOT NULL,
    "targetLabel" TEXT NOT NULL,
    "href" TEXT,
    "status" "AlertStatus" NOT NULL DEFAULT 'firing',
    "message" TEXT NOT NULL,
    "firedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastNotifiedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedById" UUID,
    "snoozedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "event" "AlertEvent" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "deliveryId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "AlertDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FreshnessDeadline_datasetId_key" ON "FreshnessDeadline"("datasetId");

-- CreateIndex
CREATE INDEX "FreshnessBreach_datasetId_openedAt_idx" ON "FreshnessBreach"("datasetId", "openedAt" DESC);

-- CreateIndex
CREATE INDEX "FreshnessBreach_resolvedAt_idx" ON "FreshnessBreach"("resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertChannel_name_key" ON "AlertChannel"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AlertRule_name_key" ON "AlertRule"("name");

-- CreateIndex
CREATE INDEX "Alert_status_firedAt_idx" ON "Alert"("status", "firedAt" DESC);

-- CreateIndex
CREATE INDEX "Alert_ruleId_targetKey_idx" ON "Alert"("ruleId", "targetKey");

-- CreateIndex
CREATE INDEX "AlertDelivery_alertId_createdAt_idx" ON "AlertDelivery"("alertId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_createdAt_idx" ON "AlertDelivery"("status", "createdAt");

-- CreateIndex
CREATE INDEX "AlertDeliveryAttempt_deliveryId_attempt_idx" ON "AlertDeliveryAttempt"("deliveryId", "attempt");

-- CreateIndex
CREATE INDEX "CheckResult_createdAt_idx" ON "CheckResult"("createdAt");

-- CreateIndex
CREATE INDEX "ModelRun_startedAt_idx" ON "ModelRun"("startedAt");

-- CreateIndex
CREATE INDEX "Run_startedAt_idx" ON "Run"("startedAt");

-- AddForeignKey
ALTER TABLE "FreshnessBreach" ADD CONSTRAINT "FreshnessBreach_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "FreshnessDeadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertCondition" ADD CONSTRAINT "AlertCondition_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDeliveryAttempt" ADD CONSTRAINT "AlertDeliveryAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "AlertDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- At most one firing alert per rule and target (de-duplication); resolved ones are history.
CREATE UNIQUE INDEX "Alert_one_firing_per_target" ON "Alert" ("ruleId", "targetKey") WHERE "status" = 'firing';
-- At most one open breach per deadline.
CREATE UNIQUE INDEX "FreshnessBreach_one_open" ON "FreshnessBreach" ("deadlineId") WHERE "resolvedAt" IS NULL;
