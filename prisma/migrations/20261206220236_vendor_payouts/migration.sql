-- AlterEnum
ALTER TYPE "EarningsBucket" ADD VALUE 'PAID_OUT';

-- AlterTable
ALTER TABLE "EarningsEntry" ADD COLUMN     "payoutId" TEXT,
ALTER COLUMN "orderId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "Payout" (
    "id" TEXT NOT NULL,
    "vendorId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reference" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payout_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Payout_vendorId_createdAt_id_idx" ON "Payout"("vendorId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Payout_vendorId_externalId_key" ON "Payout"("vendorId", "externalId");

-- AddForeignKey
ALTER TABLE "EarningsEntry" ADD CONSTRAINT "EarningsEntry_payoutId_fkey" FOREIGN KEY ("payoutId") REFERENCES "Payout"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payout" ADD CONSTRAINT "Payout_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Each entry moves an order's earnings or a payout, never both and never neither (not expressible in the schema).
ALTER TABLE "EarningsEntry" ADD CONSTRAINT "EarningsEntry_order_or_payout"
  CHECK (("orderId" IS NULL) <> ("payoutId" IS NULL));
