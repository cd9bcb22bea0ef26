-- CreateIndex
CREATE INDEX "EarningsEntry_vendorId_createdAt_id_idx" ON "EarningsEntry"("vendorId", "createdAt" DESC, "id" DESC);

