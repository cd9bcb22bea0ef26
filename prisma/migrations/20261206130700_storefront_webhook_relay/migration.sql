-- CreateTable
CREATE TABLE "FeedRelayCursor" (
    "name" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "lastErrorAt" TIMESTAMP(3),

    CONSTRAINT "FeedRelayCursor_pkey" PRIMARY KEY ("name")
);

