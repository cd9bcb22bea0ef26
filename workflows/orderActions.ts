// The vendor's and the platform's actions on a running order (PRODUCT §6): Temporal Updates, each validated on
// arrival and done in its turn, where the same check runs again.
import { ApplicationFailure, patched, setHandler, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { addressDifferences } from '../src/domain/address';
import { normalizeTrackingNumber } from '../src/domain/trackingNumber';
import {
  type Actor,
  DISPUTABLE_STATUSES,
  FINAL_STATUSES,
  type OrderStatus,
  isCancellable,
} from '../src/domain/orderStatus';
import { SUPPLIER } from '../src/temporal/searchAttributes';
import {
  type ActorInput,
  type AddTrackingInput,
  type CancelOrderInput,
  type ChangeCustomerEmailInput,
  type ChangeShippingAddressInput,
  type OpenDisputeInput,
  type OrderActionResult,
  type OrderWorkflowInput,
  type RecordSupplierOrderInput,
  type ResolveDisputeInput,
  addTrackingUpdate,
  cancelOrderUpdate,
  changeCustomerEmailUpdate,
  changeShippingAddressUpdate,
  markDeliveredUpdate,
  openDisputeUpdate,
  recordSupplierOrderUpdate,
  resolveDisputeUpdate,
} from './messages';
import type { Serializer } from './oneAtATime';
import { type Activities, RESHIPMENT_PATCH, SUPPLIER_BOUGHT_AT_PATCH, carrierApi } from './orderActivities';
import { earningsMovement } from './orderEarnings';
import { asActionFailure, invalidState } from './orderFailures';

/** The one path for every change of an order (workflows/order.ts). */
export type MoveTo = (
  next: OrderStatus,
  type: string,
  actor: Actor,
  data?: Record<string, unknown>,
  extra?: Partial<Parameters<Activities['recordOrderChange']>[0]>,
) => Promise<void>;

/** A dispute action done, for the main loop to tell the vendor of; `dispute` numbers the order's disputes from 1. */
export type DisputeNotice =
  | { stage: 'opened'; dispute: number; reason: string }
  | { stage: 'resolved'; dispute: number; outcome: 'vendor' | 'customer' };

/** The tracking number an order ships under, as registered at 17TRACK. */
export interface RegisteredTracking {
  trackingNumber: string;
  carrier?: number | undefined;
}

/** What the actions need of the running order: its input, its state as it is now, and its way of changing. */
export interface RunningOrder {
  input: OrderWorkflowInput;
  status(): OrderStatus;
  disputeOpen(): boolean;
  /** Whether the carrier has reported the parcel delivered (the order moves to DELIVERED in its next turn). */
  carrierDelivered(): boolean;
  tracking(): RegisteredTracking | undefined;
  /** Called once tracking is recorded: first (`replaced` undefined), or corrected by the vendor. */
  trackingChanged(tracking: RegisteredTracking, replaced?: RegisteredTracking): void;
  /** Called once the vendor has recorded a new purchase in place of the first (another supplier order number). */
  supplierOrderReplaced(): void;
  /** Called once a new shipping address is recorded (the `change`th of the order), after its turn: emails wait. */
  shippingAddressChanged(change: number): void;
  serially: Serializer;
  moveTo: MoveTo;
  /** Called once a dispute action is recorded. Emails wait for the main loop: the update answers without them. */
  disputeDone(notice: DisputeNotice): void;
}

/** Whether two supplier orders are the same purchase, as the vendor sends it again (the ship-to is the customer's). */
function samePurchase(a: RecordSupplierOrderInput, b: RecordSupplierOrderInput): boolean {
  return (
    a.supplier === b.supplier &&
    a.supplierOrderId === b.supplierOrderId &&
    a.amountPaid.amount === b.amountPaid.amount &&
    a.amountPaid.currency === b.amountPaid.currency
  );
}

/** Sets the handler of every order action; call before the workflow's first `await`. */
export function handleOrderActions(order: RunningOrder): void {
  const { input, serially, moveTo } = order;
  let trackingInFlight = false;
  let disputes = 0;
  // The address the supplier must ship to: the customer's at checkout, or the one the store changed it to since.
  let customerAddress = input.customerAddress;
  let addressChanges = 0;

  /**
   * An update's work, in its turn. The check runs again in the turn: a change queued before this one may have
   * moved the order on since the validator accepted the update.
   */
  function inTurn<Update>(check: (update: Update) => void, work: (update: Update) => Promise<void>) {
    return (update: Update): Promise<OrderActionResult> =>
      serially(async () => {
        check(update);
        await work(update);
        return { status: order.status() };
      });
  }

  /**
   * An action: validated on arrival, then done in its turn, where the check runs again (`checkInTurn`, when the turn
   * must ask more than a validator may, such as a patch).
   */
  function handleAction<Update>(
    definition: UpdateDefinition<OrderActionResult, [Update]>,
    check: (update: Update) => void,
    work: (update: Update) => Promise<void>,
    checkInTurn: (update: Update) => void = check,
  ): void {
    setHandler(definition, inTurn(checkInTurn, work), { validator: check });
  }

  // The store changes the address for the customer (a typo, a move) until the supplier order is placed: after it the
  // supplier has the old one, and the store must sort it out with the vendor.
  const canChangeShippingAddress = (_update: ChangeShippingAddressInput) => {
    const status = order.status();
    if (status !== 'AWAITING_SUPPLIER_ORDER' && status !== 'AWAITING_SHIPMENT')
      throw invalidState('change the shipping address', status);
  };
  const changeShippingAddress = inTurn(canChangeShippingAddress, async (update) => {
    if (addressDifferences(customerAddress, update.shippingAddress).length === 0) return; // the same address again
    await moveTo(
      order.status(),
      'shipping_address.changed',
      update.actor,
      { shippingAddress: update.shippingAddress, previous: customerAddress },
      { shippingAddress: update.shippingAddress },
    );
    customerAddress = update.shippingAddress;
    addressChanges += 1;
    // Ops find orders by the customer's city in the Web UI's memo column.
    upsertMemo({ customerCity: `${customerAddress.city}, ${customerAddress.country}` });
  });
  setHandler(
    changeShippingAddressUpdate,
    async (update) => {
      const before = addressChanges;
      const result = await changeShippingAddress(update);
      if (addressChanges > before) order.shippingAddressChanged(addressChanges);
      return result;
    },
    { validator: canChangeShippingAddress },
  );

  // The store corrects the customer's email (a typo at checkout, an address that bounced) while the order runs: the
  // customer's next emails go to it, and those refused so far go again (activities/orderRecords.ts).
  let customerEmail: string | undefined; // the last one recorded here; until then, the order's own (`previous`)
  const canChangeCustomerEmail = (_update: ChangeCustomerEmailInput) => {
    const status = order.status();
    if (FINAL_STATUSES.includes(status)) throw invalidState("change the customer's email", status);
  };
  handleAction(changeCustomerEmailUpdate, canChangeCustomerEmail, async (update) => {
    const previous = customerEmail ?? update.previous;
    if (update.email === previous) return; // the same address again
    await moveTo(
      order.status(),
      'customer_email.changed',
      update.actor,
      { email: update.email, previous },
      { customerEmail: update.email },
    );
    customerEmail = update.email;
  });

  // The supplier purchase is recorded once, and can be corrected until the supplier ships: a mistyped order number,
  // or a purchase the supplier cancelled (out of stock, never shipped) and the vendor made again, here or elsewhere.
  // Once shipped and until delivered, another purchase is a reshipment: the parcel was lost, and the vendor bought
  // the product again for the customer (held to the customer's address like the first).
  let supplierOrder: RecordSupplierOrderInput | undefined;
  // The `Supplier` search attribute: the suppliers the order's lines name, and any other it was bought at.
  let listedSuppliers = input.suppliers;
  const listSupplier = (supplier: RecordSupplierOrderInput['supplier']) => {
    if (listedSuppliers.includes(supplier) || !patched(SUPPLIER_BOUGHT_AT_PATCH)) return;
    listedSuppliers = [...listedSuppliers, supplier];
    upsertSearchAttributes([{ key: SUPPLIER, value: listedSuppliers }]);
  };
  const canRecordSupplierOrder = (update: RecordSupplierOrderInput) => {
    const status = order.status();
    if (status === 'SHIPPED') {
      // (An order with no dropship line has no supplier order to follow.)
      if (!supplierOrder || !order.tracking() || order.carrierDelivered())
        throw invalidState('record a reshipment', status);
    } else if (status !== 'AWAITING_SUPPLIER_ORDER' && status !== 'SUPPLIER_ORDERED')
      throw invalidState('record the supplier order', status);
    const differences = addressDifferences(customerAddress, update.shipTo);
    if (differences.length > 0) {
      throw ApplicationFailure.create({
        type: 'ADDRESS_MISMATCH',
        message: `The ship-to address differs from the customer's address in: ${differences.map((d) => d.field).join(', ')}`,
        details: [{ differences }],
        nonRetryable: true,
      });
    }
  };
  /** The supplier order's row and event data, as recorded. */
  const purchaseOf = (update: RecordSupplierOrderInput) => ({
    supplier: update.supplier,
    supplierOrderId: update.supplierOrderId,
    amountPaid: update.amountPaid,
  });
  // In its turn the check asks the patch, which a validator may not: see RESHIPMENT_PATCH.
  const canRecordSupplierOrderNow = (update: RecordSupplierOrderInput) => {
    if (order.status() === 'SHIPPED' && !patched(RESHIPMENT_PATCH))
      throw invalidState('record the supplier order', 'SHIPPED');
    canRecordSupplierOrder(update);
  };
  const recordSupplierOrder = async (update: RecordSupplierOrderInput) => {
    const current = supplierOrder;
    const row = {
      supplierOrder: { ...purchaseOf(update), shipTo: update.shipTo, recordedAt: new Date().toISOString() },
    };
    if (order.status() === 'AWAITING_SUPPLIER_ORDER') {
      await moveTo('SUPPLIER_ORDERED', 'supplier_order.recorded', update.actor, purchaseOf(update), row);
    } else {
      // (An order from before v3 may be SUPPLIER_ORDERED while its first purchase is still being written: a resend.)
      if (!current || samePurchase(current, update)) return; // a double click, a retry
      // Another purchase, not a fixed amount: the supplier's shipping deadline counts from it.
      const newPurchase = current.supplier !== update.supplier || current.supplierOrderId !== update.supplierOrderId;
      // Shipped, another purchase is the product sent again; the order stays SHIPPED under its tracking until the
      // vendor corrects that to the new parcel's number.
      const status = order.status();
      const reshipped = status === 'SHIPPED' && newPurchase;
      await moveTo(
        status,
        reshipped ? 'supplier_order.reshipped' : 'supplier_order.corrected',
        update.actor,
        { ...purchaseOf(update), replaces: purchaseOf(current), newPurchase },
        row,
      );
      if (newPurchase) order.supplierOrderReplaced();
    }
    supplierOrder = update;
    listSupplier(update.supplier);
  };
  handleAction(recordSupplierOrderUpdate, canRecordSupplierOrder, recordSupplierOrder, canRecordSupplierOrderNow);

  // Tracking is added once the supplier ships, and can be corrected while the parcel is on its way: a wrong number
  // or carrier shows as "no carrier data", and the vendor is told to fix it (VendorAlert's advice).
  const canAddTracking = (_update: AddTrackingInput) => {
    const status = order.status();
    if (status === 'SHIPPED') {
      if (!order.tracking() || order.carrierDelivered()) throw invalidState('correct the tracking', status);
      return;
    }
    if (status !== 'SUPPLIER_ORDERED' && status !== 'AWAITING_SHIPMENT') throw invalidState('add tracking', status);
  };
  /** The tracking row's side of a change: the number, its carrier and when it was registered. */
  const trackingRow = (registered: RegisteredTracking) => ({
    tracking: {
      number: registered.trackingNumber,
      carrier: registered.carrier,
      registeredAt: new Date().toISOString(),
    },
  });
  const addFirstTracking = async (update: AddTrackingInput) => {
    const registered = await carrierApi.registerTracking({
      orderId: input.orderId,
      trackingNumber: update.trackingNumber,
      carrier: update.carrier,
    });
    await moveTo(
      'SHIPPED',
      'tracking.added',
      update.actor,
      { trackingNumber: registered.trackingNumber, carrier: registered.carrier ?? null },
      trackingRow(registered),
    );
    order.trackingChanged(registered);
  };
  const correctTracking = async (update: AddTrackingInput, current: RegisteredTracking) => {
    const { carrier } = update;
    const sameNumber = normalizeTrackingNumber(update.trackingNumber) === current.trackingNumber;
    if (sameNumber && (carrier === undefined || carrier === current.carrier)) return; // a resend
    const corrected =
      sameNumber && carrier !== undefined // (past the resend check, a same number always comes with a new carrier)
        ? await carrierApi.changeTrackingCarrier({ orderId: input.orderId, replaces: current, carrier })
        : await carrierApi.correctTracking({
            orderId: input.orderId,
            trackingNumber: update.trackingNumber,
            carrier,
            replaces: current,
          });
    await moveTo(
      'SHIPPED',
      'tracking.corrected',
      update.actor,
      {
        trackingNumber: corrected.trackingNumber,
        carrier: corrected.carrier ?? null,
        replaces: { trackingNumber: current.trackingNumber, carrier: current.carrier ?? null },
      },
      trackingRow(corrected),
    );
    order.trackingChanged(corrected, current);
  };
  const addTracking = inTurn(canAddTracking, async (update) => {
    try {
      const current = order.status() === 'SHIPPED' ? order.tracking() : undefined;
      await (current ? correctTracking(update, current) : addFirstTracking(update));
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
          throw invalidState('add tracking while another tracking number is being registered', order.status());
      },
    },
  );

  const canMarkDelivered = (_update: ActorInput) => {
    if (order.status() !== 'SHIPPED') throw invalidState('mark the order delivered', order.status());
  };
  handleAction(markDeliveredUpdate, canMarkDelivered, (update) =>
    moveTo(
      'DELIVERED',
      'delivered',
      update.actor,
      { source: 'vendor' },
      { earnings: earningsMovement(input, 'accrue') },
    ),
  );

  const canCancel = (update: CancelOrderInput) => {
    const status = order.status();
    if (!isCancellable(status)) throw invalidState('cancel', status);
    // The vendor may cancel only before money went to the supplier (PRODUCT §6).
    if (update.actor.kind === 'vendor' && status === 'SUPPLIER_ORDERED')
      throw invalidState('cancel as the vendor', status);
  };
  handleAction(cancelOrderUpdate, canCancel, (update) =>
    moveTo('CANCELLED', 'cancelled', update.actor, { reason: update.reason }, { cancelReason: update.reason }),
  );

  // A dispute is opened on a delivered order, or on one still on its way (a parcel lost in transit: before, such an
  // order stayed SHIPPED for ever). Resolved for the customer before delivery, the order is refunded and never earns;
  // resolved for the vendor, it goes on.
  const canOpenDispute = (_update: OpenDisputeInput) => {
    const status = order.status();
    if (!DISPUTABLE_STATUSES.includes(status)) throw invalidState('open a dispute', status);
    if (order.disputeOpen()) throw invalidState('open a second dispute', order.status());
  };
  handleAction(openDisputeUpdate, canOpenDispute, async (update) => {
    await moveTo(order.status(), 'dispute.opened', update.actor, { reason: update.reason }, { disputeOpen: true });
    disputes += 1;
    order.disputeDone({ stage: 'opened', dispute: disputes, reason: update.reason });
  });

  const canResolveDispute = (_update: ResolveDisputeInput) => {
    if (!order.disputeOpen()) throw invalidState('resolve a dispute that is not open', order.status());
  };
  handleAction(resolveDisputeUpdate, canResolveDispute, async (update) => {
    if (update.outcome === 'vendor') {
      await moveTo(order.status(), 'dispute.resolved', update.actor, { outcome: 'vendor' }, { disputeOpen: false });
    } else {
      // Only a delivered order has pending earnings to reverse.
      const earnings = order.status() === 'DELIVERED' ? earningsMovement(input, 'reverse') : undefined;
      await moveTo(
        'REFUNDED',
        'dispute.resolved',
        update.actor,
        { outcome: 'customer' },
        { disputeOpen: false, earnings },
      );
    }
    order.disputeDone({ stage: 'resolved', dispute: disputes, outcome: update.outcome });
  });
}
