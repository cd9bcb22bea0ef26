-- AlterTable
ALTER TABLE "EmailOutbox" ADD COLUMN     "deferredAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "request" JSONB;

-- CreateIndex
CREATE INDEX "EmailOutbox_status_deferredAt_idx" ON "EmailOutbox"("status", "deferredAt");

