// One workflow per order, from "customer paid" to COMPLETED / REFUNDED / CANCELLED (PRODUCT §2-4).
// Deterministic code only: side effects are activities, time is workflow time, ids come from the order.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { EmailKind } from '../activities/emails';
import { addressDifferences } from '../src/domain/address';
import {
  type CarrierProblem,
  type CarrierState,
  carrierProblem,
  mergeCarrierUpdate,
} from '../src/domain/carrierStatus';
import { deadlineAt } from '../src/domain/duration';
import { earningsFor } from '../src/domain/money';
import { type Actor, type OrderStatus, actorLabel, isCancellable } from '../src/domain/orderStatus';
import { ORDER_STATUS, SLA_BREACHED } from '../src/temporal/searchAttributes';
import {
  type ActorInput,
  type AddTrackingInput,
  type CancelOrderInput,
  type OpenDisputeInput,
  type OrderActionResult,
  type OrderState,
  type RecordSupplierOrderInput,
  type ResolveDisputeInput,
  type OrderWorkflowInput,
  type OrderWorkflowResult,
  addTrackingUpdate,
  cancelOrderUpdate,
  carrierUpdateSignal,
  markDeliveredUpdate,
  openDisputeUpdate,
  orderStateQuery,
  recordSupplierOrderUpdate,
  resolveDisputeUpdate,
} from './messages';
import { type Serializer, immediately, oneAtATime } from './oneAtATime';

type Activities = ReturnType<typeof createActivities>;

// Writes to our own database: retried until they succeed, since the read model must catch up.
const RECORDS_OPTIONS = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', maximumInterval: '1m' },
} as const;
// SMTP: retried for a day; the outbox row makes every retry safe.
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
const remoteRecords = proxyActivities<Activities>(RECORDS_OPTIONS);
const localRecords = proxyLocalActivities<Activities>(RECORDS_OPTIONS);
const remoteMail = proxyActivities<Activities>(MAIL_OPTIONS);
const localMail = proxyLocalActivities<Activities>(MAIL_OPTIONS);
const LOCAL_MAIL_PATCH = 'mail-as-local-activity';
const LOCAL_RECORDS_PATCH = 'records-as-local-activity';
// 17TRACK from inside a vendor's request: give up fast so the vendor sees the answer.
const carrierApi = proxyActivities<Activities>({
  startToCloseTimeout: '20s',
  retry: {
    initialInterval: '1s',
    maximumInterval: '5s',
    maximumAttempts: 4,
    nonRetryableErrorTypes: ['TRACKING_REJECTED', 'TRACKING_NUMBER_IN_USE'],
  },
});

// Stopping tracking after delivery is housekeeping: patient retries, and a final failure never fails the order.
const housekeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '5s', maximumInterval: '5m', maximumAttempts: 30 },
});

function invalidState(action: string, status: OrderStatus): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'INVALID_STATE',
    message: `Cannot ${action} while the order is ${status}`,
    details: [{ status, action }],
    nonRetryable: true,
  });
}

/** An activity's typed failure (e.g. TRACKING_REJECTED) as the update's own failure, so the API can map it. */
function asActionFailure(err: unknown): unknown {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
    // The cause's own retryability is spent by now: the update itself is answered, never retried.
    const cause = err.cause;
    return ApplicationFailure.create({
      type: cause.type ?? 'ACTION_FAILED',
      message: cause.message,
      details: cause.details ?? [],
      nonRetryable: true,
    });
  }
  return err;
}

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
  let trackingInFlight = false;
  let carrier: CarrierState | undefined;
  let carrierDelivered = false;
  const carrierChanges: CarrierState[] = [];
  const alertsSent: string[] = [];

  /**
   * The one path for every change: the row and the event log, the workflow state and the search attributes.
   * v3 writes first (callers hold the `serially` turn); v1/v2 orders change state first and write after.
   */
  async function moveTo(
    next: OrderStatus,
    type: string,
    actor: Actor,
    data: Record<string, unknown> = {},
    extra: Partial<Parameters<Activities['recordOrderChange']>[0]> = {},
  ): Promise<void> {
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
  }

  /** The workflow's side of a change: its status, the search attribute, and a dispute it opens or closes. */
  function changeState(next: OrderStatus, extra: { disputeOpen?: boolean | undefined }): void {
    status = next;
    if (extra.disputeOpen !== undefined) disputeOpen = extra.disputeOpen;
    if (next !== publishedStatus) {
      publishedStatus = next;
      upsertSearchAttributes([{ key: ORDER_STATUS, value: next }]);
    }
  }

  /**
   * An update's work, in its turn. The check runs again in the turn: a change queued before this one may have
   * moved the order on since the validator accepted the update.
   */
  function inTurn<Update>(check: (update: Update) => void, work: (update: Update) => Promise<void>) {
    return (update: Update): Promise<OrderActionResult> =>
      serially(async () => {
        check(update);
        await work(update);
        return { status };
      });
  }

  /** An action: validated on arrival, then done in its turn (where the check runs again). */
  function handleAction<Update>(
    definition: UpdateDefinition<OrderActionResult, [Update]>,
    check: (update: Update) => void,
    work: (update: Update) => Promise<void>,
  ): void {
    setHandler(definition, inTurn(check, work), { validator: check });
  }

  /** Sends one order email. After a day of SMTP failures the order goes on; the outbox row stays PENDING for ops. */
  async function email(
    kind: EmailKind,
    options: { occurrence?: number; topic?: string; details?: Record<string, string> } = {},
  ): Promise<void> {
    const { occurrence = 1, topic, details = {} } = options;
    try {
      await serially(() =>
        mail.sendOrderEmail({
          orderId,
          kind,
          occurrence,
          topic,
          details: topic ? { problem: topic, ...details } : details,
        }),
      );
    } catch (err) {
      log.error('order email not sent', { orderId, kind, occurrence, topic, error: String(err) });
    }
  }

  setHandler(orderStateQuery, (): OrderState => ({ status, slaBreached, disputeOpen, carrier, alertsSent }));

  const canRecordSupplierOrder = (update: RecordSupplierOrderInput) => {
    if (status !== 'AWAITING_SUPPLIER_ORDER') throw invalidState('record the supplier order', status);
    const differences = addressDifferences(input.customerAddress, update.shipTo);
    if (differences.length > 0) {
      throw ApplicationFailure.create({
        type: 'ADDRESS_MISMATCH',
        message: `The ship-to address differs from the customer's address in: ${differences.map((d) => d.field).join(', ')}`,
        details: [{ differences }],
        nonRetryable: true,
      });
    }
  };
  handleAction(recordSupplierOrderUpdate, canRecordSupplierOrder, (update) =>
    moveTo(
      'SUPPLIER_ORDERED',
      'supplier_order.recorded',
      update.actor,
      { supplier: update.supplier, supplierOrderId: update.supplierOrderId, amountPaid: update.amountPaid },
      {
        supplierOrder: {
          supplier: update.supplier,
          supplierOrderId: update.supplierOrderId,
          amountPaid: update.amountPaid,
          shipTo: update.shipTo,
          recordedAt: new Date().toISOString(),
        },
      },
    ),
  );

  const canAddTracking = (_update: AddTrackingInput) => {
    if (status !== 'SUPPLIER_ORDERED' && status !== 'AWAITING_SHIPMENT') throw invalidState('add tracking', status);
  };
  const addTracking = inTurn(canAddTracking, async (update) => {
    try {
      const registered = await carrierApi.registerTracking({
        orderId,
        trackingNumber: update.trackingNumber,
        carrier: update.carrier,
      });
      await moveTo(
        'SHIPPED',
        'tracking.added',
        update.actor,
        { trackingNumber: registered.trackingNumber, carrier: registered.carrier ?? null },
        {
          tracking: {
            number: registered.trackingNumber,
            carrier: registered.carrier,
            registeredAt: new Date().toISOString(),
          },
        },
      );
    } catch (err) {
      throw asActionFailure(err);
    }
  });
  setHandler(
    addTrackingUpdate,
    async (update) => {
      trackingInFlight = true;
      try {
        return await addTracking(update);
      } finally {
        trackingInFlight = false;
      }
    },
    {
      validator: (update: AddTrackingInput) => {
        canAddTracking(update);
        if (trackingInFlight)
          throw invalidState('add tracking while another tracking number is being registered', status);
      },
    },
  );

  const canMarkDelivered = (_update: ActorInput) => {
    if (status !== 'SHIPPED') throw invalidState('mark the order delivered', status);
  };
  handleAction(markDeliveredUpdate, canMarkDelivered, (update) =>
    moveTo('DELIVERED', 'delivered', update.actor, { source: 'vendor' }, { earnings: accrual() }),
  );

  const canCancel = (update: CancelOrderInput) => {
    if (!isCancellable(status)) throw invalidState('cancel', status);
    // The vendor may cancel only before money went to the supplier (PRODUCT §6).
    if (update.actor.kind === 'vendor' && status === 'SUPPLIER_ORDERED')
      throw invalidState('cancel as the vendor', status);
  };
  handleAction(cancelOrderUpdate, canCancel, (update) =>
    moveTo('CANCELLED', 'cancelled', update.actor, { reason: update.reason }, { cancelReason: update.reason }),
  );

  const canOpenDispute = (_update: OpenDisputeInput) => {
    if (status !== 'DELIVERED') throw invalidState('open a dispute', status);
    if (disputeOpen) throw invalidState('open a second dispute', status);
  };
  handleAction(openDisputeUpdate, canOpenDispute, (update) =>
    moveTo(status, 'dispute.opened', update.actor, { reason: update.reason }, { disputeOpen: true }),
  );

  const canResolveDispute = (_update: ResolveDisputeInput) => {
    if (!disputeOpen) throw invalidState('resolve a dispute that is not open', status);
  };
  handleAction(resolveDisputeUpdate, canResolveDispute, async (update) => {
    if (update.outcome === 'vendor') {
      await moveTo(status, 'dispute.resolved', update.actor, { outcome: 'vendor' }, { disputeOpen: false });
    } else {
      await moveTo(
        'REFUNDED',
        'dispute.resolved',
        update.actor,
        { outcome: 'customer' },
        {
          disputeOpen: false,
          earnings: { vendorId: input.vendorId, movement: 'reverse', ...vendorEarnings() },
        },
      );
    }
  });

  setHandler(carrierUpdateSignal, (update) => {
    const merged = mergeCarrierUpdate(carrier, update);
    if (!merged) return; // stale or duplicate push: changes nothing
    carrier = merged;
    carrierChanges.push(merged);
    if (merged.status === 'Delivered') carrierDelivered = true;
  });

  function vendorEarnings(): { amount: number; currency: string } {
    const breakdown = earningsFor(input.sale, input.supplierCost, policy.commissionRate);
    return { amount: breakdown.earnings, currency: breakdown.currency };
  }

  /** Earnings become pending in the same write that makes the order DELIVERED. */
  function accrual() {
    return { vendorId: input.vendorId, movement: 'accrue' as const, ...vendorEarnings() };
  }

  /** 5. Release: earnings available for payout, unless a dispute opened in the meantime. */
  function releaseEarnings(): Promise<boolean> {
    return serially(async () => {
      if (disputeOpen || status !== 'DELIVERED') return false;
      const earnings = vendorEarnings();
      await moveTo('COMPLETED', 'earnings.released', { kind: 'system' }, earnings, {
        earnings: { vendorId: input.vendorId, movement: 'release', ...earnings },
      });
      return true;
    });
  }

  async function finish(): Promise<OrderWorkflowResult> {
    await condition(allHandlersFinished);
    return { status };
  }

  // 1. New order: tell the vendor, then climb the SLA ladder until the supplier purchase is recorded.
  await email('vendor-new-order', { details: { targetHours: String(Math.round(policy.reminderAfterMs / 3_600_000)) } });
  if (input.dropship) {
    const ladder: { afterMs: number; kind: EmailKind; occurrence: number }[] = [
      { afterMs: policy.reminderAfterMs, kind: 'vendor-reminder', occurrence: 1 },
      { afterMs: policy.secondReminderAfterMs, kind: 'vendor-reminder', occurrence: 2 },
      { afterMs: policy.escalateAfterMs, kind: 'ops-escalation', occurrence: 1 },
    ];
    for (const step of ladder) {
      const waitMs = Math.max(createdAtMs + step.afterMs - Date.now(), 1);
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
      await email(step.kind, {
        occurrence: step.occurrence,
        details: { waitingHours: String(Math.round(step.afterMs / 3_600_000)) },
      });
    }
  }
  await condition(() => status !== 'AWAITING_SUPPLIER_ORDER' && status !== 'AWAITING_SHIPMENT');

  // 2. Supplier ordered: alert the vendor once if the supplier has not shipped by the deadline.
  if (status === 'SUPPLIER_ORDERED') {
    const dueMs = deadlineAt(Date.now(), policy.supplierShipDeadline) - Date.now();
    const overdue = !(await condition(() => status !== 'SUPPLIER_ORDERED', Math.max(dueMs, 1)));
    const alerted =
      overdue &&
      (await serially(async () => {
        if (status !== 'SUPPLIER_ORDERED') return false; // tracking recorded at the deadline wins
        alertsSent.push('supplier-not-shipped');
        await moveTo(status, 'alert.supplier_not_shipped', { kind: 'system' });
        return true;
      }));
    if (alerted) {
      await email('vendor-alert', { topic: 'supplier-not-shipped' });
      await condition(() => status !== 'SUPPLIER_ORDERED');
    }
  }

  if (status === 'CANCELLED') {
    await email('customer-cancelled');
    await email('vendor-cancelled');
    return finish();
  }

  // 3. Shipped: tell the customer, follow the carrier until delivery (or the vendor marks it delivered).
  await email('customer-shipped');
  const shippedAtMs = Date.now();
  while (status === 'SHIPPED') {
    const watchNotFound = !alertsSent.includes('no-carrier-data') && (!carrier || carrier.status === 'NotFound');
    const notFoundDueMs = shippedAtMs + policy.notFoundAlertAfterMs - Date.now();
    const woke = await condition(
      () => status !== 'SHIPPED' || carrierChanges.length > 0,
      watchNotFound ? Math.max(notFoundDueMs, 1) : undefined,
    );
    for (const change of carrierChanges.splice(0)) {
      await serially(() =>
        moveTo(
          status, // read in the turn: a vendor action queued before may have moved the order on
          'tracking.updated',
          { kind: 'carrier' },
          { status: change.status, subStatus: change.subStatus ?? null },
          { carrier: change },
        ),
      );
      const problem: CarrierProblem | undefined = carrierProblem(change.status);
      if (problem && !alertsSent.includes(problem)) {
        alertsSent.push(problem);
        await email('vendor-alert', { topic: problem, details: { subStatus: change.subStatus ?? change.status } });
      }
    }
    if (!woke && watchNotFound) {
      alertsSent.push('no-carrier-data');
      await email('vendor-alert', { topic: 'no-carrier-data' });
    }
    if (carrierDelivered && status === 'SHIPPED') {
      await serially(async () => {
        if (status !== 'SHIPPED') return; // the vendor marked it delivered first
        await moveTo('DELIVERED', 'delivered', { kind: 'carrier' }, { source: 'carrier' }, { earnings: accrual() });
      });
    }
  }

  // 4. Delivered: earnings pending, stop tracking, hold; an open dispute pauses the release.
  try {
    await housekeeping.stopTracking({ orderId });
  } catch (err) {
    // 17TRACK stops a delivered number by itself after 15 days; the order goes on either way.
    log.warn('could not stop tracking at 17TRACK', { orderId, error: String(err) });
  }
  if (policy.customerDeliveredEmail) await email('customer-delivered');
  const releaseAtMs = Date.now() + policy.holdingPeriodMs;
  for (;;) {
    if (status === 'REFUNDED') return finish();
    const remainingMs = releaseAtMs - Date.now();
    if (!disputeOpen && remainingMs <= 0 && (await releaseEarnings())) break;
    if (disputeOpen) await condition(() => !disputeOpen || status === 'REFUNDED');
    else await condition(() => disputeOpen || status === 'REFUNDED', Math.max(remainingMs, 1));
  }
  await email('vendor-earnings-available');
  return finish();
}
