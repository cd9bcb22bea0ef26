// One workflow per order, from "customer paid" to COMPLETED / REFUNDED / CANCELLED (PRODUCT §2-4).
// Deterministic code only: side effects are activities, time is workflow time, ids come from the order.
import {
  allHandlersFinished,
  condition,
  log,
  patched,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { EmailKind } from '../activities/emails';
import {
  type CarrierProblem,
  type CarrierState,
  carrierProblem,
  mergeCarrierUpdate,
} from '../src/domain/carrierStatus';
import { deadlineAt } from '../src/domain/duration';
import { FINAL_STATUSES, type Actor, type OrderStatus, actorLabel } from '../src/domain/orderStatus';
import { ORDER_STATUS, SLA_BREACHED } from '../src/temporal/searchAttributes';
import {
  type EmailRefusal,
  type OrderState,
  type OrderWorkflowInput,
  type OrderWorkflowResult,
  carrierUpdateSignal,
  emailRefusedSignal,
  orderStateQuery,
} from './messages';
import { type NextStep, currentDetails } from './currentDetails';
import { type Serializer, immediately, oneAtATime } from './oneAtATime';
import { type DisputeNotice, type MoveTo, type RegisteredTracking, handleOrderActions } from './orderActions';
import {
  DISPUTE_VENDOR_EMAILS_PATCH,
  LOCAL_MAIL_PATCH,
  LOCAL_RECORDS_PATCH,
  NO_CARRIER_DATA_EVENT_PATCH,
  REFUSED_EMAIL_EVENT_PATCH,
  RELAYED_REFUSAL_PATCH,
  TRACKING_REFUSED_ALERT_PATCH,
  VENDOR_CANCEL_OPS_EMAIL_PATCH,
  housekeeping,
  localMail,
  localRecords,
  remoteMail,
  remoteRecords,
} from './orderActivities';
import { earningsMovement, vendorEarnings } from './orderEarnings';

/** The order workflow: see PRODUCT §2 for the statuses and timers. */
export async function orderWorkflow(input: OrderWorkflowInput): Promise<OrderWorkflowResult> {
  const { orderId, policy } = input;
  const mail = patched(LOCAL_MAIL_PATCH) ? localMail : remoteMail;
  const writeFirst = patched(LOCAL_RECORDS_PATCH);
  const records = writeFirst ? localRecords : remoteRecords;
  const serially: Serializer = writeFirst ? oneAtATime() : immediately;
  const createdAtMs = Date.parse(input.createdAt);
  let status = (input.dropship ? 'AWAITING_SUPPLIER_ORDER' : 'AWAITING_SHIPMENT') as OrderStatus;
  let publishedStatus = status; // the OrderStatus search attribute, set at start by the API
  let seq = 0; // event number 0 is "order.created", written by the API with the row
  let slaBreached = false;
  let disputeOpen = false;
  let carrier: CarrierState | undefined;
  let carrierDelivered = false;
  let reachedDelivery = false; // DELIVERED at some point: a dispute before delivery can refund an order without it
  const carrierChanges: { state: CarrierState; trackingNumber: string | undefined }[] = [];
  const alertsSent: string[] = [];
  let cancelledBy: Actor['kind'] | undefined;
  const disputeNotices: DisputeNotice[] = [];
  let tracking: RegisteredTracking | undefined;
  const emailsInFlight: Promise<void>[] = [];
  // The order's tracking numbers so far (1 + its corrections): each number's customer email and carrier alerts are
  // occurrences of their own, so a corrected number is emailed and alerted on again, each once.
  let trackingNumbers = 1;
  // The supplier purchases the vendor has made for the order (1 + the ones that replaced it): each has its deadline.
  let purchases = 1;
  const trackingCorrections: { replaced: RegisteredTracking; occurrence: number }[] = [];
  let trackingRefusals = 0; // tracking emails the customer's mail server refused: each alerts the vendor once
  let nextStep: NextStep | undefined; // what the order waits for, for the Web UI's current details

  /** Shows where the order stands and what it waits for in the Web UI ("Current details"; not in the history). */
  function showDetails(step: NextStep | undefined = nextStep): void {
    nextStep = FINAL_STATUSES.includes(status) ? undefined : step;
    setCurrentDetails(currentDetails({ status, next: nextStep, tracking, carrier, disputeOpen }));
  }

  /** Forgets that these alerts were sent: they are of a purchase or a number the vendor has replaced. */
  function forgetAlerts(alerts: readonly string[]): void {
    alertsSent.splice(0, alertsSent.length, ...alertsSent.filter((alert) => !alerts.includes(alert)));
  }

  /**
   * The one path for every change: the row and the event log, the workflow state and the search attributes.
   * v3 writes first (callers hold the `serially` turn); v1/v2 orders change state first and write after.
   */
  const moveTo: MoveTo = async (next, type, actor: Actor, data = {}, extra = {}) => {
    if (next === 'CANCELLED') cancelledBy = actor.kind;
    if (!writeFirst) changeState(next, extra);
    seq += 1;
    await records.recordOrderChange({
      orderId,
      seq,
      status: next,
      event: { type, actor: actorLabel(actor), at: new Date().toISOString(), data },
      ...extra,
    });
    if (writeFirst) changeState(next, extra);
  };

  /** The workflow's side of a change: its status, the search attribute, and a dispute it opens or closes. */
  function changeState(next: OrderStatus, extra: { disputeOpen?: boolean | undefined }): void {
    if (next !== status) nextStep = undefined; // what the old status waited for; the new one's wait says its own
    status = next;
    if (next === 'DELIVERED') reachedDelivery = true;
    if (extra.disputeOpen !== undefined) disputeOpen = extra.disputeOpen;
    if (next !== publishedStatus) {
      publishedStatus = next;
      upsertSearchAttributes([{ key: ORDER_STATUS, value: next }]);
    }
    showDetails();
  }

  /**
   * Sends one order email. One the SMTP server fails comes back at once as deferred, for the outbox relay to send
   * (activities/emails.ts); one that fails otherwise for a day is logged, its outbox row PENDING for ops. One the
   * server refuses for good goes on the timeline, in the same turn: the vendor learns that the customer was not
   * told (or that the vendor's own address bounces) where it can do something about it.
   */
  async function email(
    kind: EmailKind,
    options: { occurrence?: number; topic?: string; details?: Record<string, string> } = {},
  ): Promise<void> {
    const { occurrence = 1, topic, details = {} } = options;
    try {
      const recorded = await serially(async () => {
        const { refusal } = await mail.sendOrderEmail({
          orderId,
          kind,
          occurrence,
          topic,
          details: topic ? { problem: topic, ...details } : details,
        });
        if (!refusal || !patched(REFUSED_EMAIL_EVENT_PATCH)) return undefined;
        const recorded = { email: kind, ...refusal };
        await moveTo(status, 'email.refused', { kind: 'system' }, recorded);
        return recorded;
      });
      if (recorded) await alertIfTrackingRefused(recorded);
    } catch (err) {
      log.error('order email not sent', { orderId, kind, occurrence, topic, error: String(err) });
    }
  }

  /**
   * Alerts the vendor when the refused email was the customer's tracking and the parcel is still on its way: the
   * customer does not know it, and the vendor can call them (the address's phone) or ask the store to correct the
   * address. Once delivered or cancelled, the refusal is only history (src/orders/orderAttention.ts).
   */
  async function alertIfTrackingRefused(refusal: EmailRefusal): Promise<void> {
    if (refusal.email !== 'customer-shipped' || status !== 'SHIPPED') return;
    if (!patched(TRACKING_REFUSED_ALERT_PATCH)) return; // replaying an order from before v11: it sent none
    trackingRefusals += 1;
    if (!alertsSent.includes('customer-tracking-refused')) alertsSent.push('customer-tracking-refused');
    await email('vendor-alert', {
      topic: 'customer-tracking-refused',
      occurrence: trackingRefusals,
      details: { refusedAddress: refusal.to, reply: refusal.reply },
    });
  }

  setHandler(orderStateQuery, (): OrderState => ({ status, slaBreached, disputeOpen, carrier, alertsSent }));

  handleOrderActions({
    input,
    status: () => status,
    disputeOpen: () => disputeOpen,
    serially,
    moveTo,
    disputeDone: (notice) => disputeNotices.push(notice),
    carrierDelivered: () => carrierDelivered,
    // Not awaited: the store's call answers once the address is recorded; `finish` waits for the email.
    shippingAddressChanged: (change) => {
      emailsInFlight.push(email('vendor-address-changed', { occurrence: change }));
    },
    supplierOrderReplaced: () => {
      purchases += 1;
      forgetAlerts(['supplier-not-shipped']);
    },
    tracking: () => tracking,
    trackingChanged: (next, replaced) => {
      tracking = next;
      if (replaced) {
        // What the carrier said was of the old number (even a delivery it reported while the correction was being
        // registered): the new one starts afresh, and may alert again.
        carrier = undefined;
        carrierChanges.length = 0;
        carrierDelivered = false;
        forgetAlerts(['no-carrier-data', 'tracking-exception', 'delivery-failure', 'tracking-expired']);
        trackingNumbers += 1;
        trackingCorrections.push({ replaced, occurrence: trackingNumbers });
      }
      showDetails();
    },
  });

  setHandler(carrierUpdateSignal, ({ trackingNumber, ...update }) => {
    // A push or poll of a number the vendor has since corrected: not this parcel's news any more.
    if (trackingNumber !== undefined && tracking && trackingNumber !== tracking.trackingNumber) return;
    const merged = mergeCarrierUpdate(carrier, update);
    if (!merged) return; // stale or duplicate push: changes nothing
    carrier = merged;
    carrierChanges.push({ state: merged, trackingNumber: tracking?.trackingNumber });
    if (merged.status === 'Delivered') carrierDelivered = true;
  });

  // An email the outbox relay sent after an outage and the server refused: on the timeline like one refused here.
  setHandler(emailRefusedSignal, async (refusal) => {
    if (!patched(RELAYED_REFUSAL_PATCH)) return; // replaying a worker's turn from before the handler existed
    await serially(() => moveTo(status, 'email.refused', { kind: 'system' }, { ...refusal }));
    await alertIfTrackingRefused(refusal);
  });

  /** 5. Release: earnings available for payout, unless a dispute opened in the meantime. */
  function releaseEarnings(): Promise<boolean> {
    return serially(async () => {
      if (disputeOpen || status !== 'DELIVERED') return false;
      await moveTo('COMPLETED', 'earnings.released', { kind: 'system' }, vendorEarnings(input), {
        earnings: earningsMovement(input, 'release'),
      });
      return true;
    });
  }

  /** Emails the vendor of each dispute opened or resolved since the last call, in the order they happened. */
  async function tellVendorOfDisputes(): Promise<void> {
    for (const notice of disputeNotices.splice(0)) {
      if (!patched(DISPUTE_VENDOR_EMAILS_PATCH)) continue; // replaying an order from before v7: it sent none
      if (notice.stage === 'opened')
        await email('vendor-dispute-opened', { occurrence: notice.dispute, details: { reason: notice.reason } });
      else await email('vendor-dispute-resolved', { occurrence: notice.dispute, details: { outcome: notice.outcome } });
    }
  }

  async function finish(): Promise<OrderWorkflowResult> {
    await condition(allHandlersFinished);
    await Promise.all(emailsInFlight);
    return { status };
  }

  // 1. New order: tell the vendor, then climb the SLA ladder until the supplier purchase is recorded.
  // Durations go to the emails in milliseconds and are worded there (src/mail/durationDetail.ts).
  showDetails({ what: input.dropship ? 'the vendor records the supplier order' : 'the vendor enters tracking' });
  await email('vendor-new-order', { details: { targetMs: String(policy.reminderAfterMs) } });
  if (input.dropship) {
    const ladder: { afterMs: number; kind: EmailKind; occurrence: number; label: string }[] = [
      { afterMs: policy.reminderAfterMs, kind: 'vendor-reminder', occurrence: 1, label: 'first reminder' },
      { afterMs: policy.secondReminderAfterMs, kind: 'vendor-reminder', occurrence: 2, label: 'second reminder' },
      { afterMs: policy.escalateAfterMs, kind: 'ops-escalation', occurrence: 1, label: 'escalation to ops' },
    ];
    for (const step of ladder) {
      const waitMs = Math.max(createdAtMs + step.afterMs - Date.now(), 1);
      showDetails({ what: `the vendor records the supplier order, or the ${step.label}`, atMs: Date.now() + waitMs });
      if (await condition(() => status !== 'AWAITING_SUPPLIER_ORDER', waitMs)) break;
      // In its turn: a supplier order recorded at the deadline wins over the reminder.
      const stillWaiting = await serially(async () => {
        if (status !== 'AWAITING_SUPPLIER_ORDER') return false;
        if (!slaBreached) {
          slaBreached = true;
          upsertSearchAttributes([{ key: SLA_BREACHED, value: true }]);
          await moveTo(status, 'sla.breached', { kind: 'system' }, { afterMs: step.afterMs }, { slaBreached: true });
        }
        return true;
      });
      if (!stillWaiting) break;
      showDetails({ what: 'the vendor records the supplier order (past its target)' });
      await email(step.kind, {
        occurrence: step.occurrence,
        details: { waitingMs: String(step.afterMs) },
      });
    }
  }
  await condition(() => status !== 'AWAITING_SUPPLIER_ORDER' && status !== 'AWAITING_SHIPMENT');

  // 2. Supplier ordered: alert the vendor once if the supplier has not shipped by the deadline. A new purchase in
  // place of the first (the supplier cancelled it, say) starts the deadline again, with an alert of its own.
  if (status === 'SUPPLIER_ORDERED') {
    let purchase = purchases;
    let dueAtMs = deadlineAt(Date.now(), policy.supplierShipDeadline);
    let alerted = false;
    while (status === 'SUPPLIER_ORDERED') {
      showDetails(
        alerted
          ? { what: 'the vendor enters tracking (alerted: the supplier has not shipped)' }
          : { what: 'the vendor enters tracking, or the "supplier has not shipped" alert', atMs: dueAtMs },
      );
      const woke = await condition(
        () => status !== 'SUPPLIER_ORDERED' || purchases !== purchase,
        alerted ? undefined : Math.max(dueAtMs - Date.now(), 1),
      );
      if (purchases !== purchase) {
        purchase = purchases;
        dueAtMs = deadlineAt(Date.now(), policy.supplierShipDeadline);
        alerted = false;
        continue;
      }
      if (woke) continue; // shipped or cancelled: the loop ends
      alerted = true;
      const stillUnshipped = await serially(async () => {
        // In its turn: tracking (or a new purchase) recorded at the deadline wins.
        if (status !== 'SUPPLIER_ORDERED' || purchases !== purchase) return false;
        alertsSent.push('supplier-not-shipped');
        await moveTo(status, 'alert.supplier_not_shipped', { kind: 'system' });
        return true;
      });
      if (stillUnshipped) await email('vendor-alert', { topic: 'supplier-not-shipped', occurrence: purchase });
    }
  }

  if (status === 'CANCELLED') {
    await email('customer-cancelled');
    await email('vendor-cancelled');
    // The customer was just told the store will refund them; the store hears of a vendor's cancellation only here.
    if (cancelledBy === 'vendor' && patched(VENDOR_CANCEL_OPS_EMAIL_PATCH)) await email('ops-vendor-cancelled');
    return finish();
  }

  // 3. Shipped: tell the customer, follow the carrier until delivery (or the vendor marks it delivered).
  await email('customer-shipped');
  let trackedAtMs = Date.now(); // when the number the carrier should know was entered: at shipping, or corrected
  while (status === 'SHIPPED') {
    const watchNotFound = !alertsSent.includes('no-carrier-data') && (!carrier || carrier.status === 'NotFound');
    const notFoundDueMs = trackedAtMs + policy.notFoundAlertAfterMs - Date.now();
    showDetails(
      watchNotFound
        ? {
            what: 'the carrier reports the parcel, or the "no carrier data" alert',
            atMs: trackedAtMs + policy.notFoundAlertAfterMs,
          }
        : { what: 'delivery, reported by the carrier or the vendor' },
    );
    const woke = await condition(
      () =>
        status !== 'SHIPPED' ||
        carrierChanges.length > 0 ||
        trackingCorrections.length > 0 ||
        disputeNotices.length > 0, // a dispute opened before delivery ("never arrived"), or resolved
      watchNotFound ? Math.max(notFoundDueMs, 1) : undefined,
    );
    // (Checked first: on orders from before shipped disputes, an extra await here would reorder their commands.)
    if (disputeNotices.length > 0) await tellVendorOfDisputes();
    for (const { replaced, occurrence } of trackingCorrections.splice(0)) {
      trackedAtMs = Date.now();
      // The customer has the wrong number: the shipped email again, with the right one, saying it replaces it.
      await email('customer-shipped', {
        occurrence,
        details: { replaces: replaced.trackingNumber },
      });
    }
    for (const { state: change, trackingNumber } of carrierChanges.splice(0)) {
      const recorded = await serially(async () => {
        // In its turn: a correction queued before it replaced the number this news is of. (News that came before the
        // first number was recorded, in the moment between its registration and its record, is of that number.)
        if (trackingNumber !== undefined && trackingNumber !== tracking?.trackingNumber) return false;
        await moveTo(
          status, // read in the turn: a vendor action queued before may have moved the order on
          'tracking.updated',
          { kind: 'carrier' },
          { status: change.status, subStatus: change.subStatus ?? null },
          { carrier: change },
        );
        return true;
      });
      if (!recorded) continue;
      const problem: CarrierProblem | undefined = carrierProblem(change.status);
      if (problem && !alertsSent.includes(problem)) {
        alertsSent.push(problem);
        await email('vendor-alert', {
          topic: problem,
          occurrence: trackingNumbers,
          details: { subStatus: change.subStatus ?? change.status },
        });
      }
    }
    if (!woke && watchNotFound) {
      alertsSent.push('no-carrier-data');
      const stillNoData =
        !patched(NO_CARRIER_DATA_EVENT_PATCH) || // replaying an order from before v8: it alerted with no event
        (await serially(async () => {
          // In its turn: a delivery or the carrier's first scan that came in at the deadline wins over the alert.
          if (status !== 'SHIPPED' || (carrier && carrier.status !== 'NotFound')) return false;
          await moveTo(status, 'alert.no_carrier_data', { kind: 'system' }, { afterMs: policy.notFoundAlertAfterMs });
          return true;
        }));
      if (stillNoData) await email('vendor-alert', { topic: 'no-carrier-data', occurrence: trackingNumbers });
    }
    if (carrierDelivered && status === 'SHIPPED') {
      await serially(async () => {
        if (status !== 'SHIPPED') return; // the vendor marked it delivered first
        await moveTo(
          'DELIVERED',
          'delivered',
          { kind: 'carrier' },
          { source: 'carrier' },
          { earnings: earningsMovement(input, 'accrue') },
        );
      });
    }
  }

  // 4. Delivered: earnings pending, stop tracking, hold; an open dispute pauses the release. Or refunded before
  // delivery (a dispute resolved for the customer): stop tracking, tell the vendor, and end. (Not "status is
  // DELIVERED": an order of before v3 changed state before writing, and may be delivered and refunded by now.)
  try {
    await housekeeping.stopTracking({ orderId });
  } catch (err) {
    // 17TRACK stops a delivered number by itself after 15 days; the order goes on either way.
    log.warn('could not stop tracking at 17TRACK', { orderId, error: String(err) });
  }
  if (reachedDelivery && policy.customerDeliveredEmail) await email('customer-delivered');
  const releaseAtMs = Date.now() + policy.holdingPeriodMs;
  for (;;) {
    await tellVendorOfDisputes();
    if (status === 'REFUNDED') return finish();
    const remainingMs = releaseAtMs - Date.now();
    if (!disputeOpen && remainingMs <= 0 && (await releaseEarnings())) break;
    showDetails(
      disputeOpen
        ? { what: 'the platform resolves the dispute' }
        : { what: 'the earnings are released', atMs: releaseAtMs },
    );
    if (disputeOpen) await condition(() => !disputeOpen || status === 'REFUNDED');
    else await condition(() => disputeOpen || status === 'REFUNDED', Math.max(remainingMs, 1));
  }
  await email('vendor-earnings-available');
  return finish();
}
