-- CreateIndex
CREATE INDEX "SupplierOrder_supplierOrderId_idx" ON "SupplierOrder"("supplierOrderId");

