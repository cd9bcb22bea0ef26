// The order workflow's contract with the API, the tracking webhook and the outbox relay: inputs, updates, the
// signals and the state query, defined once and imported by both sides.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Address } from '../src/domain/address';
import type { CarrierState } from '../src/domain/carrierStatus';
import type { Money } from '../src/domain/money';
import type { OrderPolicy } from '../src/domain/orderPolicy';
import type { Actor, OrderStatus } from '../src/domain/orderStatus';

export type SupplierName = 'aliexpress' | 'cj';

/** Everything the workflow needs that never changes for the life of the order. */
export interface OrderWorkflowInput {
  orderId: string;
  vendorId: string;
  dropship: boolean;
  suppliers: SupplierName[];
  customerAddress: Address;
  sale: Money;
  /** Supplier cost of the dropship lines, in minor units of `sale.currency`. */
  supplierCost: number;
  /** ISO time the customer paid; SLA timers count from here. */
  createdAt: string;
  policy: OrderPolicy;
}

export interface OrderWorkflowResult {
  status: OrderStatus;
}

export interface RecordSupplierOrderInput {
  actor: Actor;
  supplier: SupplierName;
  supplierOrderId: string;
  amountPaid: Money;
  shipTo: Address;
}

export interface AddTrackingInput {
  actor: Actor;
  trackingNumber: string;
  /** 17TRACK carrier code; omitted to let 17TRACK detect it. */
  carrier?: number | undefined;
}

export interface ActorInput {
  actor: Actor;
}

export interface CancelOrderInput {
  actor: Actor;
  reason: string;
}

export interface OpenDisputeInput {
  actor: Actor;
  reason: string;
}

export interface ChangeShippingAddressInput {
  actor: Actor;
  /** Where the customer wants the parcel instead (a typo fixed, a move): the address the supplier must ship to. */
  shippingAddress: Address;
}

export interface ChangeCustomerEmailInput {
  actor: Actor;
  /** Where the customer's emails go from now on: the address at checkout had a typo, or bounced. */
  email: string;
  /** The address the API read on the order before this change: the order's own until its first change. */
  previous: string;
}

export interface ResolveDisputeInput {
  actor: Actor;
  outcome: 'vendor' | 'customer';
}

/** What every vendor action answers once the workflow has accepted and recorded it. */
export interface OrderActionResult {
  status: OrderStatus;
}

/** Live state, for ops and tests; the database row is the read model for everything else. */
export interface OrderState {
  status: OrderStatus;
  slaBreached: boolean;
  disputeOpen: boolean;
  carrier?: CarrierState | undefined;
  alertsSent: string[];
}

export const recordSupplierOrderUpdate = defineUpdate<OrderActionResult, [RecordSupplierOrderInput]>(
  'recordSupplierOrder',
);
export const addTrackingUpdate = defineUpdate<OrderActionResult, [AddTrackingInput]>('addTracking');
export const markDeliveredUpdate = defineUpdate<OrderActionResult, [ActorInput]>('markDelivered');
export const cancelOrderUpdate = defineUpdate<OrderActionResult, [CancelOrderInput]>('cancelOrder');
export const openDisputeUpdate = defineUpdate<OrderActionResult, [OpenDisputeInput]>('openDispute');
export const resolveDisputeUpdate = defineUpdate<OrderActionResult, [ResolveDisputeInput]>('resolveDispute');
export const changeShippingAddressUpdate = defineUpdate<OrderActionResult, [ChangeShippingAddressInput]>(
  'changeShippingAddress',
);
export const changeCustomerEmailUpdate = defineUpdate<OrderActionResult, [ChangeCustomerEmailInput]>(
  'changeCustomerEmail',
);

/**
 * A carrier status from a 17TRACK push or poll; fire-and-forget, merged forward only. `trackingNumber` is the number
 * it is about, so news of a number the vendor has since corrected is dropped (absent in signals sent before v8).
 */
export interface CarrierUpdate extends CarrierState {
  trackingNumber?: string | undefined;
}
export const carrierUpdateSignal = defineSignal<[CarrierUpdate]>('carrierUpdate');

/** An order email the SMTP server refused for good: which one (its kind), the address, and the server's reply. */
export interface EmailRefusal {
  email: string;
  to: string;
  reply: string;
}

/**
 * An email of the order that the outbox relay sent after an SMTP outage, and the server refused for good
 * (activities/outboxRelay.ts): the order records it on its timeline, as it does one refused in its own turn.
 */
export const emailRefusedSignal = defineSignal<[EmailRefusal]>('emailRefused');

export const orderStateQuery = defineQuery<OrderState>('orderState');

/** `order-<orderId>`: the business key is the workflow id (PRODUCT §2). */
export function orderWorkflowId(orderId: string): string {
  return `order-${orderId}`;
}
