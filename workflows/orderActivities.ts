// The order workflow's activities, grouped by how they are retried. Module level, as Temporal's samples do: the
// proxies are plain objects, and every order of this worker shares them.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

export type Activities = ReturnType<typeof createActivities>;

// Writes to our own database: retried until they succeed, since the read model must catch up.
const RECORDS_OPTIONS = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
} as const;
// Email: retried for a day when its own reads and writes fail; the outbox row makes every retry safe. A failure
// of the SMTP server is not retried here: the activity defers the email to the outbox relay and returns.
const MAIL_OPTIONS = {
  startToCloseTimeout: '1m',
  retry: { initialInterval: '5s', maximumInterval: '10m', maximumAttempts: 300 },
} as const;

// Since v2 order emails run as a local activity: in the worker, inside the workflow task, with no round trip
// through the server's task queue. Since v3 the read-model writes do too, which halves a vendor action's
// round trip. Local activities replay in history order, so v3 runs every change and email one at a time and
// changes the workflow's state only once its write is done: nothing else can happen while a local activity
// is in flight (v2 changed state first and wrote after; with a local write that replayed out of order).
// Orders started before a patch keep the behaviour they started with.
export const remoteRecords = proxyActivities<Activities>(RECORDS_OPTIONS);
export const localRecords = proxyLocalActivities<Activities>(RECORDS_OPTIONS);
export const remoteMail = proxyActivities<Activities>(MAIL_OPTIONS);
export const localMail = proxyLocalActivities<Activities>(MAIL_OPTIONS);
export const LOCAL_MAIL_PATCH = 'mail-as-local-activity';
export const LOCAL_RECORDS_PATCH = 'records-as-local-activity';
// Since v4 an email the SMTP server refuses for good goes on the order's timeline. Asked only when one is refused,
// which no order before v4 had, so their histories replay without the marker.
export const REFUSED_EMAIL_EVENT_PATCH = 'refused-email-event';
// Since v5 an email the outbox relay sends after an outage and the server refuses comes back to the order as a
// signal. A worker before v5 took that signal with no handler and recorded nothing; without the marker, its
// history replays the same way.
export const RELAYED_REFUSAL_PATCH = 'relayed-refusal-signal';
// Since v6 ops are emailed when a vendor cancels (the store must refund the customer). Asked only after a vendor's
// cancellation, once the two cancellation emails went out; an order before v6 replays without the marker or email.
export const VENDOR_CANCEL_OPS_EMAIL_PATCH = 'vendor-cancel-ops-email';
// Since v7 the vendor is emailed when a dispute is opened on its order and when it is resolved. Asked only after a
// dispute action; an order before v7 replays without the marker or the emails.
export const DISPUTE_VENDOR_EMAILS_PATCH = 'dispute-vendor-emails';
// Since v8 the "carrier has no data" alert goes on the timeline like the supplier's, so the order shows it and is
// flagged until data comes; the alert is skipped when the order moved on in the meantime. Asked only when that
// alert is due; an order before v8 replays without the marker or the event.
export const NO_CARRIER_DATA_EVENT_PATCH = 'no-carrier-data-event';
// Since v9 an order bought at a supplier none of its lines names (the product bought at the other one) has that
// supplier added to its `Supplier` search attribute, so ops' Web UI query for a supplier finds it. Asked only for
// such a purchase; an order before v9 replays without the marker or the upsert.
export const SUPPLIER_BOUGHT_AT_PATCH = 'supplier-bought-at-search-attribute';
// Since v10 a shipped order takes another supplier purchase, a reshipment of a lost parcel. Asked only when a
// supplier order comes to a shipped order in its turn: an order before v10 whose supplier-order update was accepted
// just before its tracking, and done after it, replays refusing it, as it was refused then.
export const RESHIPMENT_PATCH = 'reshipment';
// Since v11 the vendor is alerted when the customer's mail server refuses their tracking email while the parcel is on
// its way: the customer does not know it, and only the vendor (by phone) or the store (a corrected address) can tell
// them. Asked only after such a refusal; an order before v11 replays without the marker or the alert.
export const TRACKING_REFUSED_ALERT_PATCH = 'tracking-refused-vendor-alert';

/** 17TRACK from inside a vendor's request: give up fast so the vendor sees the answer. */
export const carrierApi = proxyActivities<Activities>({
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '1s',
    maximumInterval: '5s',
    maximumAttempts: 4,
    nonRetryableErrorTypes: ['TRACKING_REJECTED', 'TRACKING_NUMBER_IN_USE'],
  },
});

/** Stopping tracking after delivery is housekeeping: patient retries, and a final failure never fails the order. */
export const housekeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '5s', maximumInterval: '5m', maximumAttempts: 30 },
});
