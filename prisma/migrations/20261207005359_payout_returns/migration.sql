-- AlterTable
ALTER TABLE "Payout" ADD COLUMN     "returnReason" TEXT,
ADD COLUMN     "returnedAt" TIMESTAMP(3);

