-- CreateIndex
CREATE INDEX "Order_status_disputeOpen_idx" ON "Order"("status", "disputeOpen");

