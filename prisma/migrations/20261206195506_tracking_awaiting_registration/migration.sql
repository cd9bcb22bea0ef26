-- AlterTable
ALTER TABLE "Tracking" ADD COLUMN     "awaitingRegistrationSince" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Tracking_awaitingRegistrationSince_idx" ON "Tracking"("awaitingRegistrationSince");

