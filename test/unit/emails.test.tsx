// Every template renders (as the React Email preview does, from its PreviewProps) with an HTML and a
// plain-text part that carry the facts the email exists for.
import { describe, expect, it } from 'vitest';
import { PREVIEW_CONTEXT } from '../../src/mail/emailContext';
import { CUSTOMER_EMAIL_KINDS, EMAIL_KINDS, orderEmailEnvelope, renderOrderEmail } from '../../src/mail/orderEmails';
import { emailReaderOf } from '../../src/orders/orderEmailDeliveries';
import { PAYOUT_EMAIL_KIND, PAYOUT_RETURNED_EMAIL_KIND } from '../../src/mail/payoutEmail';
import { PAYOUT_PREVIEW_CONTEXT, PAYOUT_RETURNED_PREVIEW_CONTEXT } from '../../src/mail/payoutEmailContext';
import { renderPayoutEmail } from '../../src/mail/renderPayoutEmail';

describe('order email templates', () => {
  it.each(EMAIL_KINDS)('renders %s with an HTML and a plain-text part', async (kind) => {
    const email = await renderOrderEmail(kind, PREVIEW_CONTEXT, 'ops@example.com');
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.text.length).toBeGreaterThan(40);
    expect(email.text).not.toContain('<');
    expect(email.subject).toContain(PREVIEW_CONTEXT.externalId);
  });

  it.each(EMAIL_KINDS)(
    'ends %s with the order link below a divider, or, to the customer, with no divider',
    async (kind) => {
      const email = await renderOrderEmail(kind, PREVIEW_CONTEXT, 'ops@example.com');
      if (CUSTOMER_EMAIL_KINDS.includes(kind)) expect(email.html).not.toMatch(/<hr/i);
      else expect(email.html).toMatch(/<hr[^>]*>(?:(?!<hr)[\s\S])*<a href="http[^"]+"[^>]*>http/i);
    },
  );

  it.each(EMAIL_KINDS)('names %s after its reader, as the order’s email list reads it', (kind) => {
    const { to } = orderEmailEnvelope(kind, PREVIEW_CONTEXT, 'ops@example.com');
    const addressOf = {
      customer: PREVIEW_CONTEXT.customer.email,
      vendor: PREVIEW_CONTEXT.vendor.email,
      ops: 'ops@example.com',
    };
    expect(to).toBe(addressOf[emailReaderOf(kind)]);
  });

  it('tells the vendor of a payout: the amount, the marketplace’s id and reference, and where to see it', async () => {
    const email = await renderPayoutEmail(PAYOUT_EMAIL_KIND, PAYOUT_PREVIEW_CONTEXT);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.to).toBe('vendor@example.com');
    expect(email.subject).toBe('Payout of $125.50 sent: PO-2026-12-01');
    expect(email.text).toContain(
      'Hi Lisbon Gadgets, the marketplace paid you $125.50 from your available earnings: payout PO-2026-12-01, reference “SEPA 4471”.',
    );
    expect(email.text).toContain('Earnings page: http://localhost:3000/dashboard#/earnings');
    const noReference = await renderPayoutEmail(PAYOUT_EMAIL_KIND, {
      ...PAYOUT_PREVIEW_CONTEXT,
      payout: { ...PAYOUT_PREVIEW_CONTEXT.payout, reference: null },
    });
    expect(noReference.text).toContain('payout PO-2026-12-01.');
    expect(noReference.text).not.toContain('reference');
  });

  it('tells the vendor of a payout returned: which one, why, and that the amount is available again', async () => {
    const email = await renderPayoutEmail(PAYOUT_RETURNED_EMAIL_KIND, PAYOUT_RETURNED_PREVIEW_CONTEXT);
    expect(email.html).toMatch(/^<!DOCTYPE html/i);
    expect(email.to).toBe('vendor@example.com');
    expect(email.subject).toBe('Payout PO-2026-12-01 returned: $125.50 is available again');
    expect(email.text).toContain(
      'Hi Lisbon Gadgets, payout PO-2026-12-01 (reference “SEPA 4471”) of $125.50 came back to the marketplace: the account is closed.',
    );
    expect(email.text).toContain('The $125.50 is in your available earnings again');
    expect(email.text).toContain('Earnings page: http://localhost:3000/dashboard#/earnings');
  });

  it('sends each kind to the right audience', async () => {
    const to = async (kind: (typeof EMAIL_KINDS)[number]) =>
      (await renderOrderEmail(kind, PREVIEW_CONTEXT, 'ops@example.com')).to;
    expect(await to('vendor-new-order')).toBe('vendor@example.com');
    expect(await to('customer-shipped')).toBe('ana@example.com');
    expect(await to('ops-escalation')).toBe('ops@example.com');
    expect(await to('ops-vendor-cancelled')).toBe('ops@example.com');
  });

  it('tells the vendor of a dispute: what the customer said, the earnings held, and what to have at hand', async () => {
    const context = { ...PREVIEW_CONTEXT, supplierOrder: { supplier: 'cj' as const, id: 'CJ-77' } };
    const opened = await renderOrderEmail(
      'vendor-dispute-opened',
      { ...context, details: { reason: 'Arrived broken' } },
      'ops@example.com',
    );
    expect(opened.to).toBe('vendor@example.com');
    expect(opened.subject).toBe('Dispute opened on order SHOP-1001: your earnings are on hold');
    expect(opened.text).toContain('delivered to Ana Silva: “Arrived broken”');
    expect(opened.text).toContain('Your earnings of $18.49 from this order are on hold');
    expect(opened.text).toContain('your CJ Dropshipping order CJ-77 and the China Post tracking RR123456785CN');

    const resolved = (outcome: string) =>
      renderOrderEmail('vendor-dispute-resolved', { ...context, details: { outcome } }, 'ops@example.com');
    const won = await resolved('vendor');
    expect(won.subject).toBe('Dispute on order SHOP-1001 resolved in your favour');
    expect(won.text).toContain('$18.49 is no longer held');
    const lost = await resolved('customer');
    expect(lost.subject).toBe('Dispute on order SHOP-1001 resolved for the customer: earnings reversed');
    expect(lost.text).toContain('Your earnings of $18.49 from this order are reversed');
  });

  it('tells the vendor of a dispute before delivery: no earnings yet, and a refund if the customer wins', async () => {
    const shipped = { ...PREVIEW_CONTEXT, earnings: undefined };
    const opened = await renderOrderEmail(
      'vendor-dispute-opened',
      { ...shipped, details: { reason: 'Never arrived' } },
      'ops@example.com',
    );
    expect(opened.subject).toBe('Dispute opened on order SHOP-1001, not yet delivered');
    expect(opened.text).toContain('shipped but not yet delivered to Ana Silva: “Never arrived”');
    expect(opened.text).toContain('the order is refunded and earns you nothing');
    expect(opened.text).not.toContain('on hold until');
    expect(opened.text).toContain('the China Post tracking RR123456785CN');

    const resolved = (outcome: string) =>
      renderOrderEmail('vendor-dispute-resolved', { ...shipped, details: { outcome } }, 'ops@example.com');
    const lost = await resolved('customer');
    expect(lost.subject).toBe('Dispute on order SHOP-1001 resolved for the customer: order refunded');
    expect(lost.text).toContain('before delivery: the order is refunded and closed, it earns you nothing');
    const won = await resolved('vendor');
    expect(won.subject).toBe('Dispute on order SHOP-1001 resolved in your favour');
    expect(won.text).toContain('your earnings are recorded once it is delivered');
    expect(won.text).not.toContain('no longer held');
  });

  it('tells the customer of corrected tracking: the new number, and that the old one will not work', async () => {
    const first = await renderOrderEmail('customer-shipped', PREVIEW_CONTEXT, 'ops@example.com');
    expect(first.subject).toBe('Your order SHOP-1001 has shipped');
    expect(first.text).not.toContain('have changed');
    const corrected = await renderOrderEmail(
      'customer-shipped',
      { ...PREVIEW_CONTEXT, details: { replaces: 'RR000000000CN' } },
      'ops@example.com',
    );
    expect(corrected.to).toBe('ana@example.com');
    expect(corrected.subject).toBe('New tracking details for your order SHOP-1001');
    expect(corrected.text).toContain('the tracking details we sent for your order SHOP-1001 have changed');
    expect(corrected.text).toContain('tracking number RR000000000CN will not show your parcel');
    expect(corrected.text).toContain(`Tracking number: ${PREVIEW_CONTEXT.tracking!.number}`);
  });

  it('links ops to the order’s workflow in the Web UI, and the vendor to its dashboard', async () => {
    const link = async (kind: (typeof EMAIL_KINDS)[number]) =>
      /(Order page|Workflow in the Temporal Web UI): (\S+)/
        .exec((await renderOrderEmail(kind, PREVIEW_CONTEXT, 'ops@example.com')).text)
        ?.slice(1);
    expect(await link('ops-escalation')).toEqual(['Workflow in the Temporal Web UI', PREVIEW_CONTEXT.opsUrl]);
    expect(await link('ops-vendor-cancelled')).toEqual(['Workflow in the Temporal Web UI', PREVIEW_CONTEXT.opsUrl]);
    expect(await link('vendor-new-order')).toEqual(['Order page', PREVIEW_CONTEXT.orderUrl]);
    const noUi = await renderOrderEmail('ops-escalation', { ...PREVIEW_CONTEXT, opsUrl: undefined }, 'ops@example.com');
    expect(noUi.text).not.toMatch(/Order page|Web UI/);
  });

  it('asks ops to refund an order its vendor cancelled, with the amount, the customer and the reason', async () => {
    const email = await renderOrderEmail(
      'ops-vendor-cancelled',
      { ...PREVIEW_CONTEXT, cancelReason: 'Out of stock at the supplier' },
      'ops@example.com',
    );
    expect(email.subject).toBe('Refund order SHOP-1001: Lisbon Gadgets cancelled it');
    expect(email.text).toContain('before buying it from the supplier: Out of stock at the supplier');
    expect(email.text).toContain('Ana Silva (ana@example.com)');
    expect(email.text).toContain('payment of $29.99');
    const stockItems = PREVIEW_CONTEXT.items.map(({ sku, title, quantity }) => ({ sku, title, quantity }));
    const stock = await renderOrderEmail(
      'ops-vendor-cancelled',
      { ...PREVIEW_CONTEXT, items: stockItems, cancelReason: 'Damaged in the warehouse' },
      'ops@example.com',
    );
    expect(stock.text).toContain('before shipping it: Damaged in the warehouse');
  });

  it('puts the ship-to address, supplier button, cost and variant in the new-order email', async () => {
    const email = await renderOrderEmail('vendor-new-order', PREVIEW_CONTEXT, 'ops@example.com');
    expect(email.text).toContain('Rua das Flores 12');
    expect(email.text).toContain('Open Supplier Page');
    expect(email.html).toContain('https://www.aliexpress.com/item/1005001234567890.html');
    expect(email.text).toContain('Supplier cost: $8.50');
    expect(email.text).toContain('Variant: Warm white, 15 cm');
  });

  it('words the SLA durations it is given, and the whole hours of emails scheduled before they were milliseconds', async () => {
    const render = async (kind: 'vendor-new-order' | 'vendor-reminder', details: Record<string, string>) =>
      renderOrderEmail(kind, { ...PREVIEW_CONTEXT, details }, 'ops@example.com');
    expect((await render('vendor-new-order', { targetMs: '20000' })).subject).toMatch(/within 20 seconds$/);
    expect((await render('vendor-new-order', { targetHours: '48' })).subject).toMatch(/within 48 hours$/);
    expect((await render('vendor-new-order', {})).subject).toMatch(/within 24 hours$/);
    expect((await render('vendor-reminder', { waitingMs: String(90 * 60_000) })).html).toContain(
      'has waited 90 minutes',
    );
    expect((await render('vendor-reminder', { waitingHours: '1' })).html).toContain('has waited 1 hour<');
  });

  it('asks the vendor to cancel a supplier purchase already made, and otherwise not to make it', async () => {
    const cancelled = (supplierOrder?: { supplier: 'cj'; id: string }) =>
      renderOrderEmail('vendor-cancelled', { ...PREVIEW_CONTEXT, supplierOrder }, 'ops@example.com');
    const bought = await cancelled({ supplier: 'cj', id: 'CJ-77' });
    expect(bought.subject).toBe('Order SHOP-1001 was cancelled: cancel supplier order CJ-77');
    expect(bought.text).toContain('You already ordered it from CJ Dropshipping (order CJ-77).');
    const notBought = await cancelled();
    expect(notBought.subject).toBe('Order SHOP-1001 was cancelled: do not order it from the supplier');
    expect(notBought.text).toContain('Do not order it from the supplier.');
  });

  it('names the purchase a supplier has not shipped, and says what to do if the supplier cancelled it', async () => {
    const alert = await renderOrderEmail(
      'vendor-alert',
      {
        ...PREVIEW_CONTEXT,
        supplierOrder: { supplier: 'cj', id: 'CJ-77' },
        details: { problem: 'supplier-not-shipped' },
      },
      'ops@example.com',
    );
    expect(alert.subject).toBe('The supplier has not shipped yet: order SHOP-1001');
    expect(alert.text).toContain('Supplier order: CJ Dropshipping CJ-77');
    expect(alert.text).toContain('correct the supplier order on the order page');
  });

  it('tells the vendor of a parcel gone quiet what to do if it is lost, and what a dispute would mean', async () => {
    const alert = await renderOrderEmail(
      'vendor-alert',
      { ...PREVIEW_CONTEXT, details: { problem: 'tracking-expired' } },
      'ops@example.com',
    );
    expect(alert.subject).toBe('Tracking has stopped updating: order SHOP-1001');
    expect(alert.text).toContain('If it is lost, send the customer another and correct the tracking number');
    expect(alert.text).toContain('an order refunded for it earns nothing');
  });

  it('tells the vendor of a refused tracking email: the address, the reply, the customer’s phone', async () => {
    const alert = await renderOrderEmail(
      'vendor-alert',
      {
        ...PREVIEW_CONTEXT,
        details: {
          problem: 'customer-tracking-refused',
          refusedAddress: 'ana@shop.invalid',
          reply: '550 5.1.2 domain not found',
        },
      },
      'ops@example.com',
    );
    expect(alert.to).toBe(PREVIEW_CONTEXT.vendor.email);
    expect(alert.subject).toBe('The customer did not get their tracking email: order SHOP-1001');
    expect(alert.text).toContain('so they do not know their parcel is on its way');
    expect(alert.text).toContain('Refused address: ana@shop.invalid');
    expect(alert.text).toContain('Their mail server answered: 550 5.1.2 domain not found');
    expect(alert.text).toContain('Customer: Ana Silva, phone +351 912 345 678');
    expect(alert.text).toContain('Tracking: RR123456785CN (China Post)');
  });

  it('keeps the words apart and the sentences whole', async () => {
    const text = async (kind: (typeof EMAIL_KINDS)[number]) =>
      (await renderOrderEmail(kind, PREVIEW_CONTEXT, 'ops@example.com')).text;
    expect(await text('ops-escalation')).toContain('for order SHOP-1001 (id ord_preview) after two reminders');
    expect(await text('vendor-alert')).toMatch(/Hi Lisbon Gadgets,\n+Check the tracking page/);
  });

  it('escapes what customers type', async () => {
    const email = await renderOrderEmail(
      'vendor-new-order',
      { ...PREVIEW_CONTEXT, customer: { name: '<script>alert(1)</script>', email: 'x@example.com' } },
      'ops@example.com',
    );
    expect(email.html).not.toContain('<script>alert(1)</script>');
  });
});
