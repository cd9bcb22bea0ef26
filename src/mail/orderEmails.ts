// Which email each kind is: who receives it, its subject, and its template (PRODUCT §4).
import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import { CHARGEBACK_EMAIL_KIND, chargebackSubject } from './chargebackEmail';
import type { OrderEmailContext } from './emailContext';
import { durationDetail } from './durationDetail';
import CustomerDelivered from './templates/CustomerDelivered';
import CustomerShipped, { customerShippedSubject } from './templates/CustomerShipped';
import OpsEscalation from './templates/OpsEscalation';
import OpsVendorCancelled from './templates/OpsVendorCancelled';
import OrderCancelled from './templates/OrderCancelled';
import { PROBLEM_TEXT } from './templates/VendorAlert';
import VendorAlert from './templates/VendorAlert';
import VendorAddressChanged from './templates/VendorAddressChanged';
import VendorChargedBack from './templates/VendorChargedBack';
import VendorDispute from './templates/VendorDispute';
import VendorEarningsAvailable from './templates/VendorEarningsAvailable';
import VendorNewOrder from './templates/VendorNewOrder';
import VendorReminder from './templates/VendorReminder';

export const EMAIL_KINDS = [
  'vendor-new-order',
  'vendor-reminder',
  'ops-escalation',
  'customer-shipped',
  'vendor-alert',
  'customer-delivered',
  'vendor-earnings-available',
  'customer-cancelled',
  'vendor-cancelled',
  'ops-vendor-cancelled',
  'vendor-dispute-opened',
  'vendor-dispute-resolved',
  'vendor-address-changed',
  CHARGEBACK_EMAIL_KIND,
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

type Audience = 'vendor' | 'customer' | 'ops';

interface EmailDefinition {
  audience: Audience;
  subject: (ctx: OrderEmailContext) => string;
  template: (ctx: OrderEmailContext) => ReturnType<typeof createElement>;
}

const DEFINITIONS: Record<EmailKind, EmailDefinition> = {
  'vendor-new-order': {
    audience: 'vendor',
    subject: (ctx) =>
      `New dropshipping order ${ctx.externalId}: order from the supplier within ${durationDetail(ctx.details, 'target', 24)}`,
    template: (ctx) => createElement(VendorNewOrder, ctx),
  },
  'vendor-reminder': {
    audience: 'vendor',
    subject: (ctx) => `Reminder: order ${ctx.externalId} is waiting for the supplier purchase`,
    template: (ctx) => createElement(VendorReminder, ctx),
  },
  'ops-escalation': {
    audience: 'ops',
    subject: (ctx) => `Escalation: order ${ctx.externalId} of ${ctx.vendor.name} is unprocessed`,
    template: (ctx) => createElement(OpsEscalation, ctx),
  },
  'customer-shipped': {
    audience: 'customer',
    subject: customerShippedSubject,
    template: (ctx) => createElement(CustomerShipped, ctx),
  },
  'vendor-alert': {
    audience: 'vendor',
    subject: (ctx) =>
      `${PROBLEM_TEXT[ctx.details.problem ?? '']?.title ?? 'Attention needed'}: order ${ctx.externalId}`,
    template: (ctx) => createElement(VendorAlert, ctx),
  },
  'customer-delivered': {
    audience: 'customer',
    subject: (ctx) => `Your order ${ctx.externalId} was delivered`,
    template: (ctx) => createElement(CustomerDelivered, ctx),
  },
  'vendor-earnings-available': {
    audience: 'vendor',
    subject: (ctx) => `Earnings of order ${ctx.externalId} are available for payout`,
    template: (ctx) => createElement(VendorEarningsAvailable, ctx),
  },
  'customer-cancelled': {
    audience: 'customer',
    subject: (ctx) => `Your order ${ctx.externalId} was cancelled`,
    template: (ctx) => createElement(OrderCancelled, { ...ctx, audience: 'customer' }),
  },
  'vendor-cancelled': {
    audience: 'vendor',
    subject: (ctx) =>
      ctx.supplierOrder
        ? `Order ${ctx.externalId} was cancelled: cancel supplier order ${ctx.supplierOrder.id}`
        : `Order ${ctx.externalId} was cancelled: do not order it from the supplier`,
    template: (ctx) => createElement(OrderCancelled, { ...ctx, audience: 'vendor' }),
  },
  'ops-vendor-cancelled': {
    audience: 'ops',
    subject: (ctx) => `Refund order ${ctx.externalId}: ${ctx.vendor.name} cancelled it`,
    template: (ctx) => createElement(OpsVendorCancelled, ctx),
  },
  'vendor-dispute-opened': {
    audience: 'vendor',
    subject: (ctx) =>
      ctx.earnings
        ? `Dispute opened on order ${ctx.externalId}: your earnings are on hold`
        : `Dispute opened on order ${ctx.externalId}, not yet delivered`,
    template: (ctx) => createElement(VendorDispute, { ...ctx, stage: 'opened' }),
  },
  'vendor-dispute-resolved': {
    audience: 'vendor',
    subject: (ctx) =>
      ctx.details.outcome === 'vendor'
        ? `Dispute on order ${ctx.externalId} resolved in your favour`
        : ctx.earnings
          ? `Dispute on order ${ctx.externalId} resolved for the customer: earnings reversed`
          : `Dispute on order ${ctx.externalId} resolved for the customer: order refunded`,
    template: (ctx) => createElement(VendorDispute, { ...ctx, stage: 'resolved' }),
  },
  'vendor-address-changed': {
    audience: 'vendor',
    subject: (ctx) => `New shipping address for order ${ctx.externalId}: ship it there`,
    template: (ctx) => createElement(VendorAddressChanged, ctx),
  },
  [CHARGEBACK_EMAIL_KIND]: {
    audience: 'vendor',
    subject: (ctx) => chargebackSubject(ctx.externalId, ctx.earnings),
    template: (ctx) => createElement(VendorChargedBack, ctx),
  },
};

/** Who an email goes to and its subject: all the outbox row needs, known before the body is rendered. */
export interface EmailEnvelope {
  to: string;
  subject: string;
}

/** A rendered email, ready for the mailer. */
export interface RenderedEmail extends EmailEnvelope {
  html: string;
  text: string;
}

/** The recipient and subject of the email of `kind` for an order. */
export function orderEmailEnvelope(kind: EmailKind, ctx: OrderEmailContext, opsEmail: string): EmailEnvelope {
  const definition = DEFINITIONS[kind];
  const to = { vendor: ctx.vendor.email, customer: ctx.customer.email, ops: opsEmail }[definition.audience];
  return { to, subject: definition.subject(ctx) };
}

/** The kinds that go to the customer, at the order's customer email as it is when each is sent. */
export const CUSTOMER_EMAIL_KINDS: readonly EmailKind[] = EMAIL_KINDS.filter(
  (kind) => DEFINITIONS[kind].audience === 'customer',
);

/** Renders the email of `kind` for an order, with its HTML and plain-text parts. */
export async function renderOrderEmail(
  kind: EmailKind,
  ctx: OrderEmailContext,
  opsEmail: string,
): Promise<RenderedEmail> {
  // React renders once; the text part is converted from that HTML, which is what `render(…, { plainText })`
  // does after a second React render of its own (measured: 9 ms of CPU per email down to under 5).
  const html = await render(DEFINITIONS[kind].template(ctx));
  return { ...orderEmailEnvelope(kind, ctx, opsEmail), html, text: toPlainText(html) };
}
