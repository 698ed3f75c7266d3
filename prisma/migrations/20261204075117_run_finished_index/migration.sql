-- CreateIndex
CREATE INDEX "Run_finishedAt_trigger_status_idx" ON "Run"("finishedAt", "trigger", "status");
