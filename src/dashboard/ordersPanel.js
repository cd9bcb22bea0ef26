// The Orders panel: the vendor's orders, newest first, filtered by status, a page at a time.
import { api } from './api.js';
import { h, show } from './dom.js';
import { findOrderForm } from './findOrder.js';
import { age, money, statusChip } from './format.js';
import { moreButton } from './moreButton.js';
import { pageShowing } from './pageShowing.js';

// Each tab: its value in the page's address (#/orders?status=…), its label, and what it asks the API for.
const STATUS_TABS = [
  ['', 'All', ''],
  // Newest first buries the orders most in need of the vendor; this tab brings up those past their target.
  ['overdue', 'Overdue', 'status=AWAITING_SUPPLIER_ORDER&slaBreached=true'],
  ['AWAITING_SUPPLIER_ORDER', 'To order'],
  ['AWAITING_SHIPMENT', 'To ship'], // orders with no dropship line, shipped from the vendor's stock
  ['SUPPLIER_ORDERED', 'Ordered'],
  ['SHIPPED', 'Shipped'],
  ['DELIVERED', 'Delivered'],
  ['COMPLETED', 'Completed'],
  ['REFUNDED', 'Refunded'],
  ['CANCELLED', 'Cancelled'],
].map(([value, label, filter = `status=${value}`]) => ({ value, label, filter }));
const PAGE_SIZE = 50; // orders per page of the Orders panel

/** The Orders panel for `query` (#/orders?status=…); `again` re-reads it (src/dashboard/pageShowing.js). */
export async function ordersPanel(query, again = false) {
  const put = pageShowing(again);
  const status = query.get('status') || '';
  const tab = STATUS_TABS.find((t) => t.value === status) || STATUS_TABS[0];
  const counting = api('GET', '/v1/orders/counts');
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Filter by status' }, tabLinks(tab, null));
  const find = findOrderForm();
  if (!again) show(h('h1', {}, 'Orders'), find, tabs, h('p', { class: 'muted' }, 'Loading…'));
  const page = (cursor) =>
    api(
      'GET',
      `/v1/orders?limit=${PAGE_SIZE}${tab.filter ? `&${tab.filter}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  const first = await page();
  tabs.replaceChildren(...tabLinks(tab, await counting));
  if (first.orders.length === 0) {
    put(h('h1', {}, 'Orders'), find, tabs, h('p', { class: 'muted' }, 'No orders here yet.'));
    return;
  }
  const list = h('ul', { class: 'orders' }, first.orders.map(orderRow));
  const more = moreButton({
    id: 'more-orders',
    label: 'Show more orders',
    cursor: first.nextCursor,
    fetchPage: page,
    append: (next) => list.append(...next.orders.map(orderRow)),
  });
  put(h('h1', {}, 'Orders'), find, tabs, list, more);
}

/**
 * The tabs, each with how many orders wait there when it is an open status (what needs work; the ended ones only
 * grow). "Overdue" is red while it has any.
 */
function tabLinks(current, counts) {
  const countOf = (value) => (value === 'overdue' ? counts?.overdue : counts?.open[value]);
  return STATUS_TABS.map(({ value, label }) => {
    const n = countOf(value);
    return h(
      'a',
      {
        href: value ? `#/orders?status=${value}` : '#/orders',
        'aria-current': value === current.value ? 'page' : undefined,
      },
      label,
      n ? h('span', { class: value === 'overdue' ? 'count count-overdue' : 'count' }, String(n)) : null,
    );
  });
}

// What the carrier's statuses that need the vendor mean, in the vendor's words (PRODUCT §5's alerts).
const CARRIER_PROBLEMS = {
  Exception: 'the carrier reports a problem',
  DeliveryFailure: 'delivery failed',
  Expired: 'tracking expired',
};

/** Why an order needs the vendor now (the API's `needsAttention`), in the vendor's words; null when it does not. */
function attention(order) {
  switch (order.needsAttention) {
    case 'supplier-order-overdue':
      return 'past the target';
    case 'supplier-not-shipped':
      return 'the supplier has not shipped';
    case 'carrier-problem':
      return CARRIER_PROBLEMS[order.tracking?.carrierStatus] || 'the carrier reports a problem';
    case 'carrier-no-data':
      return 'the carrier has no data for the tracking number';
    case 'customer-tracking-refused':
      return "the customer's mail server refused their tracking: reach them another way";
    default:
      return null;
  }
}

/** One order in the Orders panel. */
function orderRow(order) {
  const needs = attention(order);
  return h(
    'li',
    { class: 'order-row', 'data-order-id': order.id },
    h(
      'a',
      { href: `#/orders/${order.id}` },
      h('span', { class: 'order-id' }, order.externalId),
      order.dropship ? h('span', { class: 'badge badge-dropship' }, 'Dropshipping') : null,
      statusChip(order.status),
      h(
        'span',
        { class: 'customer' },
        `${order.customer.name} · ${order.shippingAddress.city}, ${order.shippingAddress.country}`,
      ),
      h('span', { class: 'total' }, money(order.total)),
      h(
        'span',
        { class: needs ? 'age age-breached' : 'age' },
        needs ? `⚠ ${age(order.createdAt)} · ${needs}` : age(order.createdAt),
      ),
    ),
  );
}
