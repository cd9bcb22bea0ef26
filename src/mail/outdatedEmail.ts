// Whether an order email the SMTP server failed is still worth sending when it is back (activities/outboxRelay.ts).
// The order goes on during an outage, so by then the vendor may have done what the email asks: a "new order" or a
// reminder arriving after the supplier order is recorded reads as another order to buy, and a vendor who buys it
// again loses the money. Each rule names what the email asks of its reader, or what it tells them, that the order
// has since made untrue. Emails that only tell what happened (shipped, delivered, cancelled, a dispute) still go.
import type { OrderStatus } from '../domain/orderStatus';
import type { EmailKind } from './orderEmails';

/** Where the order stands now, as the read model has it. */
export interface OrderProgress {
  status: OrderStatus;
  /** The carrier's last status of its tracking number (null until the carrier reports it). */
  carrierStatus: string | null;
  /** The supplier purchases made for the order so far: 1 + the new purchases that replaced the first. */
  purchases: number;
  /** The tracking numbers it has shipped under so far: 1 + the corrections (the workflow counts them alike). */
  trackingNumbers: number;
  /** The customer's email now: the store may have corrected the one an email was refused at. */
  customerEmail: string;
}

/** The email as it was asked for: the workflow numbers an alert's occurrences by purchase or by tracking number. */
export interface AskedEmail {
  kind: EmailKind;
  topic?: string | undefined;
  occurrence: number;
  /** What the workflow told the email, e.g. the address a refused tracking email went to. */
  details?: Record<string, string> | undefined;
}

const WAITING_FOR_THE_SUPPLIER_ORDER: readonly OrderStatus[] = ['AWAITING_SUPPLIER_ORDER', 'AWAITING_SHIPMENT'];

/** Why `email` is no longer worth sending to an order at `now`, or undefined when it still is. */
export function whyOutdated(email: AskedEmail, now: OrderProgress): string | undefined {
  const { status } = now;
  switch (email.kind) {
    case 'vendor-new-order':
      return WAITING_FOR_THE_SUPPLIER_ORDER.includes(status) ? undefined : `the order is ${status} since`;
    case 'vendor-reminder':
    case 'ops-escalation':
      return status === 'AWAITING_SUPPLIER_ORDER' ? undefined : `the order is ${status} since`;
    case 'customer-shipped':
      if (status === 'REFUNDED') return 'the order was refunded since';
      return newerTrackingNumber(email, now);
    case 'vendor-alert':
      if (email.topic === 'supplier-not-shipped') return outdatedPurchaseAlert(email, now);
      if (email.topic === 'customer-tracking-refused') return outdatedRefusalAlert(email, now);
      return outdatedCarrierAlert(email, now);
    default:
      return undefined;
  }
}

function outdatedPurchaseAlert(email: AskedEmail, now: OrderProgress): string | undefined {
  if (now.status !== 'SUPPLIER_ORDERED') return `the order is ${now.status} since`;
  if (now.purchases > email.occurrence) return 'the vendor recorded a new supplier purchase since';
  return undefined;
}

/**
 * The customer's tracking email was refused: news while the parcel is on its way and the customer's address is the
 * refused one. A corrected address gets the tracking email again, which tells the customer; a new tracking number
 * does not (its email goes to the same address, and its refusal alerts on its own).
 */
function outdatedRefusalAlert(email: AskedEmail, now: OrderProgress): string | undefined {
  if (now.status !== 'SHIPPED') return `the order is ${now.status} since`;
  const refused = email.details?.refusedAddress;
  if (refused && refused !== now.customerEmail) return "the store corrected the customer's email since";
  return undefined;
}

function outdatedCarrierAlert(email: AskedEmail, now: OrderProgress): string | undefined {
  if (now.status !== 'SHIPPED') return `the order is ${now.status} since`;
  const newer = newerTrackingNumber(email, now);
  if (newer) return newer;
  if (email.topic === 'no-carrier-data' && now.carrierStatus !== null && now.carrierStatus !== 'NotFound')
    return `the carrier reports the parcel since (${now.carrierStatus})`;
  return undefined;
}

/** The email is of a tracking number the vendor has replaced: the new number's email says what is true now. */
function newerTrackingNumber(email: AskedEmail, now: OrderProgress): string | undefined {
  return now.trackingNumbers > email.occurrence ? 'the vendor corrected the tracking number since' : undefined;
}
