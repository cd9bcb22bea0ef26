-- CreateTable
CREATE TABLE "PendingWorkflowStart" (
    "orderId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PendingWorkflowStart_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE INDEX "PendingWorkflowStart_createdAt_idx" ON "PendingWorkflowStart"("createdAt");

-- AddForeignKey
ALTER TABLE "PendingWorkflowStart" ADD CONSTRAINT "PendingWorkflowStart_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Orders taken in before this table existed and still in their first status: a workflow start may never have
-- happened for them. The intake repair starts them (a no-op for a workflow that runs) and deletes these rows.
INSERT INTO "PendingWorkflowStart" ("orderId", "createdAt")
SELECT "id", "createdAt" FROM "Order" WHERE "status" IN ('AWAITING_SUPPLIER_ORDER', 'AWAITING_SHIPMENT');
