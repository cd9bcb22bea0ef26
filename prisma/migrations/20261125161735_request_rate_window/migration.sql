-- CreateTable
CREATE TABLE "RequestRateWindow" (
    "keyHash" TEXT NOT NULL,
    "starts" TIMESTAMPTZ(3)[],

    CONSTRAINT "RequestRateWindow_pkey" PRIMARY KEY ("keyHash")
);

