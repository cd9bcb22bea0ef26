// What ops alert on, read at each metrics scrape (src/http/metrics.ts): the open orders by status, the emails not
// sent, the intakes whose workflow start is not confirmed, a storefront webhook that is not being taken, disputes
// left open, and tracking numbers 17TRACK did not register (its quota, an outage). One statement; each count runs
// on an index on its status (or a table that holds only what is pending), so a scrape costs what is open, not the
// whole history.
import { DISPUTABLE_STATUSES, OPEN_STATUSES } from '../../domain/orderStatus';
import { type Queryable, sql } from './sqlTemplate';

export interface ServiceBacklog {
  /** Orders per open status; a status with none is absent. */
  openOrders: Record<string, number>;
  /** Orders still awaiting the supplier purchase past their first reminder (PRODUCT §2's SLA). */
  slaBreached: number;
  /** PENDING emails not deferred: being sent now, or asked for and never sent (see activities/emails.ts). */
  emailsWaiting: number;
  /** Emails an SMTP failure deferred to the outbox relay. */
  emailsDeferred: number;
  /** Emails the SMTP server refused for good (kept for ops, never sent again). */
  emailsRefused: number;
  /** Age of the oldest PENDING email, waiting or deferred; null when there is none. */
  oldestUnsentEmailSeconds: number | null;
  /** Orders whose workflow start is not confirmed yet: the intake repair's work. */
  pendingStarts: number;
  oldestPendingStartSeconds: number | null;
  /** Batches the storefront has not taken since its last 2xx (the storefront webhook relay's FeedRelayCursor row). */
  storefrontWebhookFailures: number;
  /**
   * Orders with a dispute open: delivered ones, whose earnings are held until the platform resolves it, and shipped
   * ones the customer says never arrived.
   */
  disputesOpen: number;
  /** Age of the oldest open dispute, from its `dispute.opened` event; null when there is none. */
  oldestOpenDisputeSeconds: number | null;
  /** Shipped orders' tracking numbers 17TRACK refused for the account's quota or could not take, not followed yet. */
  trackingAwaitingRegistration: number;
}

/** The backlog as of `now` (the ages are measured from it, on the same UTC timestamps the service writes). */
export async function selectServiceBacklog(db: Queryable, now: Date): Promise<ServiceBacklog> {
  const at = now.toISOString();
  const {
    rows: [row],
  } = await db.query<ServiceBacklog>(sql`
    SELECT
      (SELECT coalesce(json_object_agg("status", "n"), '{}'::json) FROM (
        SELECT "status", count(*)::int AS "n" FROM "Order"
        WHERE "status" = ANY(${OPEN_STATUSES}::"OrderStatus"[]) GROUP BY "status") AS "open") AS "openOrders",
      (SELECT count(*)::int FROM "Order"
        WHERE "status" = 'AWAITING_SUPPLIER_ORDER' AND "slaBreached") AS "slaBreached",
      (SELECT count(*)::int FROM "EmailOutbox"
        WHERE "status" = 'PENDING' AND "deferredAt" IS NULL) AS "emailsWaiting",
      (SELECT count(*)::int FROM "EmailOutbox"
        WHERE "status" = 'PENDING' AND "deferredAt" IS NOT NULL) AS "emailsDeferred",
      (SELECT count(*)::int FROM "EmailOutbox" WHERE "status" = 'REJECTED') AS "emailsRefused",
      (SELECT extract(epoch FROM ${at}::timestamp - min("createdAt"))::float8 FROM "EmailOutbox"
        WHERE "status" = 'PENDING') AS "oldestUnsentEmailSeconds",
      (SELECT count(*)::int FROM "PendingWorkflowStart") AS "pendingStarts",
      (SELECT extract(epoch FROM ${at}::timestamp - min("createdAt"))::float8
        FROM "PendingWorkflowStart") AS "oldestPendingStartSeconds",
      (SELECT coalesce(max("failures"), 0)::int FROM "FeedRelayCursor") AS "storefrontWebhookFailures",
      (SELECT count(*)::int FROM "Order" WHERE "status" = ANY(${DISPUTABLE_STATUSES}::"OrderStatus"[]) AND "disputeOpen")
        AS "disputesOpen",
      (SELECT extract(epoch FROM ${at}::timestamp - min("opened"."at"))::float8
        FROM "Order" AS "o" CROSS JOIN LATERAL (
          SELECT max("at") AS "at" FROM "OrderEvent"
          WHERE "orderId" = "o"."id" AND "type" = 'dispute.opened') AS "opened"
        WHERE "o"."status" = ANY(${DISPUTABLE_STATUSES}::"OrderStatus"[]) AND "o"."disputeOpen") AS "oldestOpenDisputeSeconds",
      (SELECT count(*)::int FROM "Tracking" WHERE "awaitingRegistrationSince" IS NOT NULL
        AND "stoppedAt" IS NULL) AS "trackingAwaitingRegistration"`);
  return row!;
}
