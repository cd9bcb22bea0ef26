-- The order change feed (GET /v1/events): each event carries the status of its order once it applied, and its
-- place in the feed, the id of the writing transaction then the insert order within it (src/orders/changeFeed.ts).

-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN     "feedSeq" BIGSERIAL NOT NULL,
ADD COLUMN     "feedTx" xid8 NOT NULL DEFAULT pg_current_xact_id(),
ADD COLUMN     "status" "OrderStatus";

-- The events written before the feed all got the transaction id of this migration, ahead of every later one.
-- Number them in the order they happened rather than in the physical order of the table, and count on after them.
UPDATE "OrderEvent" AS e SET "feedSeq" = numbered."n"
FROM (SELECT "id", row_number() OVER (ORDER BY "at", "orderId", "seq") AS "n" FROM "OrderEvent") AS numbered
WHERE e."id" = numbered."id";
SELECT setval(pg_get_serial_sequence('"OrderEvent"', 'feedSeq'),
  COALESCE((SELECT max("feedSeq") FROM "OrderEvent"), 0) + 1, false);

-- CreateIndex
CREATE INDEX "OrderEvent_feedTx_feedSeq_idx" ON "OrderEvent"("feedTx", "feedSeq");
