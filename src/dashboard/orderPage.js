// The order page: what the vendor needs to buy from the supplier and ship, and the form for the next step.
import { api } from './api.js';
import { card, h, localTime } from './dom.js';
import { earningsCard } from './earningsCard.js';
import { emailsCard } from './emailsCard.js';
import { SUPPLIERS, addressLines, money, statusChip } from './format.js';
import { cancelForm, deliveredButton, supplierOrderForm, trackingForm } from './orderForms.js';
import { pageShowing } from './pageShowing.js';

/** The order page of order `id`; `again` re-reads it (src/dashboard/pageShowing.js). */
export async function orderPage(id, again = false) {
  const put = pageShowing(again);
  const [{ order }, emails] = await Promise.all([api('GET', `/v1/orders/${encodeURIComponent(id)}`), emailsCard(id)]);
  const reload = () => orderPage(id);
  const lines = addressLines(order.shippingAddress);
  // A vendor who read the new-order email has the old address in mind: say the store changed it, and when.
  const addressChange = order.events.findLast((e) => e.type === 'shipping_address.changed');
  const copyStatus = h('span', { class: 'hint', 'aria-live': 'polite' });
  const items = order.items.map((item) =>
    h(
      'li',
      { class: 'item' },
      h('strong', {}, `${item.quantity} × ${item.title}`),
      item.dropship ? h('span', { class: 'badge badge-dropship' }, 'Dropshipping') : null,
      item.dropship
        ? h(
            'dl',
            { class: 'facts' },
            h('dt', {}, 'Supplier'),
            h('dd', {}, SUPPLIERS[item.dropship.supplier]),
            h('dt', {}, 'Supplier cost'),
            h('dd', { class: 'supplier-cost' }, money(item.dropship.supplierCost)),
            item.dropship.variant
              ? [h('dt', {}, 'Variant'), h('dd', { class: 'variant' }, item.dropship.variant)]
              : null,
          )
        : null,
      item.dropship
        ? h(
            'a',
            { class: 'button', href: item.dropship.productUrl, target: '_blank', rel: 'noopener noreferrer' },
            'Open Supplier Page',
          )
        : null,
    ),
  );
  const tracking = order.tracking
    ? card(
        'tracking-status-title',
        'Tracking',
        h(
          'p',
          {},
          `${order.tracking.number} · carrier status: `,
          h('strong', { id: 'carrier-status' }, order.tracking.carrierStatus || 'waiting for the carrier'),
        ),
        order.tracking.lastEvent
          ? h(
              'p',
              {},
              `${order.tracking.lastEvent}${order.tracking.lastEventLocation ? ` · ${order.tracking.lastEventLocation}` : ''}`,
            )
          : null,
        h('a', { href: order.tracking.url, target: '_blank', rel: 'noopener noreferrer' }, 'Open the tracking page'),
      )
    : null;
  // What the vendor recorded at the supplier, so the supplier's order number is at hand when the customer or the
  // supplier asks, and the ship-to can be checked against the customer's address above.
  const purchase = order.supplierOrder
    ? card(
        'supplier-order-title',
        'Supplier order',
        h(
          'dl',
          { id: 'supplier-order', class: 'facts' },
          h('dt', {}, 'Supplier'),
          h('dd', {}, SUPPLIERS[order.supplierOrder.supplier]),
          h('dt', {}, 'Order number'),
          h('dd', { class: 'supplier-order-id' }, order.supplierOrder.supplierOrderId),
          h('dt', {}, 'Amount paid'),
          h('dd', {}, money(order.supplierOrder.amountPaid)),
          h('dt', {}, 'Shipped to'),
          h('dd', {}, addressLines(order.supplierOrder.shipTo).join(', ')),
          h('dt', {}, 'Recorded'),
          h('dd', {}, localTime(order.supplierOrder.recordedAt)),
        ),
      )
    : null;
  let action = null;
  if (order.status === 'AWAITING_SUPPLIER_ORDER') action = supplierOrderForm(order, reload);
  else if (order.status === 'SUPPLIER_ORDERED')
    action = [await trackingForm(order, reload), supplierOrderForm(order, reload)];
  else if (order.status === 'AWAITING_SHIPMENT') action = await trackingForm(order, reload);
  else if (order.status === 'SHIPPED')
    action = [
      deliveredButton(order, reload),
      await trackingForm(order, reload),
      order.supplierOrder ? supplierOrderForm(order, reload) : null,
    ];
  const cancel =
    order.status === 'AWAITING_SUPPLIER_ORDER' || order.status === 'AWAITING_SHIPMENT'
      ? cancelForm(order, reload)
      : null;
  put(
    h('p', {}, h('a', { href: '#/orders' }, '← Orders')),
    h(
      'h1',
      {},
      `Order ${order.externalId} `,
      statusChip(order.status),
      order.dropship ? h('span', { class: 'badge badge-dropship' }, 'Dropshipping') : null,
    ),
    card(
      'ship-to-title',
      'Customer shipping address',
      h(
        'address',
        { id: 'customer-address' },
        lines.map((line) => h('div', {}, line)),
      ),
      addressChange
        ? h(
            'p',
            { class: 'hint address-changed' },
            `Changed by the store on ${localTime(addressChange.at)}: use this address, not the one in the first email.`,
          )
        : null,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            await navigator.clipboard.writeText(lines.join('\n')).then(
              () => (copyStatus.textContent = 'Copied'),
              () => (copyStatus.textContent = 'Copy failed: select the address instead'),
            );
          },
        },
        'Copy address',
      ),
      copyStatus,
    ),
    card('items-title', 'Items', h('ul', { class: 'items' }, items), h('p', {}, `Total ${money(order.total)}`)),
    purchase,
    tracking,
    earningsCard(order),
    action,
    cancel,
    emails,
    card(
      'timeline-title',
      'Timeline',
      h(
        'ol',
        { class: 'timeline' },
        order.events.map((e) =>
          h('li', {}, localTime(e.at), ` ${e.type.replace(/[._]/g, ' ')} · ${e.actor.split(':')[0]}`, eventDetail(e)),
        ),
      ),
    ),
  );
}

/**
 * What the vendor needs to know of an event beyond its name: why an order was cancelled or disputed, whom a
 * dispute went to, which tracking number a correction replaced, where the order went before the store changed it,
 * what a refused email was and what the mail server said (to reach the customer another way), and the customer's
 * email the store gave instead.
 */
function eventDetail(e) {
  const data = e.data || {};
  if (e.type === 'email.refused')
    return h(
      'div',
      { class: 'hint refused-email' },
      `The ${String(data.email).replace(/-/g, ' ')} email to ${data.to} was refused by the mail server: ${data.reply}`,
    );
  if (e.type === 'dispute.resolved')
    return h(
      'div',
      { class: 'hint event-detail' },
      `Resolved for the ${data.outcome === 'vendor' ? 'vendor' : 'customer'}`,
    );
  if (e.type === 'customer_email.changed')
    return h(
      'div',
      { class: 'hint event-detail' },
      `The store changed it to ${data.email}, from ${data.previous}; refused emails go again to the new address`,
    );
  if (e.type === 'shipping_address.changed' && data.previous)
    return h('div', { class: 'hint event-detail' }, `Was ${addressLines(data.previous).join(', ')}`);
  if (e.type === 'supplier_order.reshipped')
    return h(
      'div',
      { class: 'hint event-detail' },
      `${data.supplierOrderId}, sent again in place of ${data.replaces?.supplierOrderId}`,
    );
  if (e.type === 'supplier_order.corrected')
    return h(
      'div',
      { class: 'hint event-detail' },
      `${data.supplierOrderId}, replacing ${data.replaces?.supplierOrderId}${data.newPurchase ? ' (a new purchase)' : ''}`,
    );
  if (e.type === 'tracking.corrected')
    return h(
      'div',
      { class: 'hint event-detail' },
      `${data.trackingNumber}, replacing ${data.replaces?.trackingNumber}`,
    );
  if (data.reason) return h('div', { class: 'hint event-detail' }, `Reason: ${data.reason}`);
  return null;
}
