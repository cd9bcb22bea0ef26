// The vendor dashboard: sign in with the vendor token, the Orders panel, the order page with its forms, and
// earnings. Plain browser JavaScript over the JSON API; every piece of data is set as text, never as HTML.
'use strict';

const TOKEN_KEY = 'dropship.vendorToken';
const main = document.getElementById('main');
const nav = document.getElementById('nav');

const STATUS_TABS = [
  ['', 'All'],
  ['AWAITING_SUPPLIER_ORDER', 'To order'],
  ['AWAITING_SHIPMENT', 'To ship'], // orders with no dropship line, shipped from the vendor's stock
  ['SUPPLIER_ORDERED', 'Ordered'],
  ['SHIPPED', 'Shipped'],
  ['DELIVERED', 'Delivered'],
  ['COMPLETED', 'Completed'],
  ['REFUNDED', 'Refunded'],
  ['CANCELLED', 'Cancelled'],
];
const STATUS_LABELS = {
  AWAITING_SUPPLIER_ORDER: 'Awaiting supplier order',
  AWAITING_SHIPMENT: 'Awaiting shipment',
  SUPPLIER_ORDERED: 'Supplier ordered',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  COMPLETED: 'Completed',
  REFUNDED: 'Refunded',
  CANCELLED: 'Cancelled',
};
const SUPPLIERS = { aliexpress: 'AliExpress', cj: 'CJ Dropshipping' };
const FIELD_LABELS = {
  name: 'Name',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'Region / state',
  postalCode: 'Postal code',
  country: 'Country',
};
const PAGE_SIZE = 50; // orders per page of the Orders panel
let signingIn = false; // on the sign-in view a 401 is shown in place, not redirected

/** Builds an element: h('a', { href }, 'text', child). Strings become text nodes. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A card titled by its own heading, which also labels it for screen readers. */
function card(titleId, title, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), ...children);
}

function money(m) {
  const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency });
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format(m.amount / 10 ** digits);
}

function minorUnits(text, currency) {
  const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return Math.round(Number(String(text).replace(',', '.')) * 10 ** digits);
}

function age(iso) {
  const ms = Date.now() - Date.parse(iso);
  const hours = Math.floor(ms / 3600000);
  if (hours < 1) return `${Math.max(1, Math.floor(ms / 60000))} min`;
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** An instant from the API, shown in the vendor's local time and locale. */
function localTime(iso) {
  return h('time', { datetime: iso }, new Date(iso).toLocaleString());
}

function addressLines(a) {
  return [
    a.name,
    a.line1,
    a.line2,
    `${a.postalCode} ${a.city}`,
    a.region,
    a.country,
    a.phone && `Phone: ${a.phone}`,
  ].filter(Boolean);
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token()}`, ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && !signingIn) {
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '#/sign-in';
  }
  if (!response.ok)
    throw Object.assign(new Error(data.error?.message || `HTTP ${response.status}`), { error: data.error });
  return data;
}

function show(...nodes) {
  main.replaceChildren(...nodes.filter(Boolean));
  main.focus();
}

function errorBox(id) {
  return h('div', { id, class: 'error', role: 'alert', 'aria-live': 'assertive', hidden: true });
}

function showError(box, err) {
  box.hidden = false;
  const differences = err.error?.details?.differences;
  box.replaceChildren(
    // The API's message names the fields as the JSON does (line1, postalCode); the list below labels them.
    h('strong', {}, differences ? "The ship-to address differs from the customer's address:" : err.message),
    differences
      ? h(
          'ul',
          {},
          differences.map((d) =>
            h(
              'li',
              {},
              `${FIELD_LABELS[d.field] || d.field}: you entered “${d.actual || '(empty)'}”, the customer’s is “${d.expected || '(empty)'}”`,
            ),
          ),
        )
      : null,
  );
}

/**
 * An order action's handler: posts `bodyFrom(form data)` to the action, reloads the page when the workflow has
 * accepted it, and shows the API's error in `box` when not. Used by every form and button of the order page.
 */
function orderAction(order, action, box, onDone, bodyFrom) {
  return async (event) => {
    event.preventDefault();
    const form = event.target.closest('form');
    try {
      await api('POST', `/v1/orders/${order.id}/${action}`, bodyFrom(form ? new FormData(form) : undefined));
      onDone();
    } catch (err) {
      showError(box, err);
    }
  };
}

function statusChip(status) {
  return h('span', { class: `status status-${status.toLowerCase()}` }, STATUS_LABELS[status] || status);
}

function signIn() {
  signingIn = true;
  nav.hidden = true;
  const box = errorBox('sign-in-error');
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  show(
    h('h1', {}, 'Sign in'),
    h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          sessionStorage.setItem(TOKEN_KEY, input.value.trim());
          try {
            await api('GET', '/v1/vendors/me/earnings');
            location.hash = '#/orders';
          } catch (err) {
            sessionStorage.removeItem(TOKEN_KEY);
            showError(box, err);
          }
        },
      },
      h('label', { for: 'token' }, 'Vendor token'),
      input,
      h('p', { class: 'hint' }, 'The token you received when your vendor account was created.'),
      box,
      h('button', { type: 'submit' }, 'Sign in'),
    ),
  );
}

async function ordersPanel(query) {
  const status = query.get('status') || '';
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': 'Filter by status' },
    STATUS_TABS.map(([value, label]) =>
      h(
        'a',
        {
          href: value ? `#/orders?status=${value}` : '#/orders',
          'aria-current': value === status ? 'page' : undefined,
        },
        label,
      ),
    ),
  );
  show(h('h1', {}, 'Orders'), tabs, h('p', { class: 'muted' }, 'Loading…'));
  const page = (cursor) =>
    api(
      'GET',
      `/v1/orders?limit=${PAGE_SIZE}${status ? `&status=${status}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
  const first = await page();
  if (first.orders.length === 0) {
    show(h('h1', {}, 'Orders'), tabs, h('p', { class: 'muted' }, 'No orders here yet.'));
    return;
  }
  const list = h('ul', { class: 'orders' }, first.orders.map(orderRow));
  // Older orders come a page at a time, from the cursor of the page before.
  const more = h('button', { type: 'button', class: 'secondary', id: 'more-orders' }, 'Show more orders');
  let cursor = first.nextCursor;
  more.hidden = !cursor;
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const next = await page(cursor);
      list.append(...next.orders.map(orderRow));
      cursor = next.nextCursor;
      more.hidden = !cursor;
    } finally {
      more.disabled = false;
    }
  });
  show(h('h1', {}, 'Orders'), tabs, list, more);
}

/** One order in the Orders panel. */
function orderRow(order) {
  // The workflow flags the order when its reminder deadline passes (SLA_REMINDER_AFTER, copied into each order),
  // so the flag follows the configured target instead of a 24 h written here.
  const breached = order.slaBreached;
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
        { class: breached ? 'age age-breached' : 'age' },
        breached ? `⚠ ${age(order.createdAt)} · past the target` : age(order.createdAt),
      ),
    ),
  );
}

function supplierOrderForm(order, onDone) {
  const a = order.shippingAddress;
  const dropshipItem = order.items.find((item) => item.dropship);
  const box = errorBox('supplier-order-error');
  const field = (name, label, value, attrs = {}) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `ship-${name}` }, label),
      h('input', { id: `ship-${name}`, name, value: value ?? '', ...attrs }),
    );
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'supplier-order-title',
      onsubmit: orderAction(order, 'supplier-order', box, onDone, (f) => ({
        supplier: f.get('supplier'),
        supplierOrderId: f.get('supplierOrderId'),
        amountPaid: { amount: minorUnits(f.get('amountPaid'), order.total.currency), currency: order.total.currency },
        shipTo: Object.fromEntries(
          ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'].map((k) => [
            k,
            f.get(k) || undefined,
          ]),
        ),
      })),
    },
    h('h2', { id: 'supplier-order-title' }, 'Record the supplier order'),
    h('p', { class: 'hint' }, 'Ship to the customer’s address (filled in below), never your own.'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'supplier' }, 'Supplier'),
      h(
        'select',
        { id: 'supplier', name: 'supplier' },
        Object.entries(SUPPLIERS).map(([value, label]) =>
          h('option', { value, selected: dropshipItem?.dropship.supplier === value }, label),
        ),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'supplierOrderId' }, 'Supplier order number'),
      h('input', { id: 'supplierOrderId', name: 'supplierOrderId', required: true }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'amountPaid' }, `Amount paid (${order.total.currency})`),
      h('input', {
        id: 'amountPaid',
        name: 'amountPaid',
        inputmode: 'decimal',
        required: true,
        value: dropshipItem ? (dropshipItem.dropship.supplierCost.amount / 100).toFixed(2) : '',
      }),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Ship-to address used at the supplier'),
      field('name', 'Name', a.name, { required: true }),
      field('line1', 'Address line 1', a.line1, { required: true }),
      field('line2', 'Address line 2', a.line2),
      field('city', 'City', a.city, { required: true }),
      field('region', 'Region / state', a.region),
      field('postalCode', 'Postal code', a.postalCode, { required: true }),
      field('country', 'Country', a.country, { required: true }),
      field('phone', 'Phone', a.phone),
    ),
    box,
    h('button', { type: 'submit' }, 'Record supplier order'),
  );
  return form;
}

async function trackingForm(order, onDone) {
  const { carriers } = await api('GET', '/v1/carriers');
  const box = errorBox('tracking-error');
  const form = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'tracking-title',
      onsubmit: orderAction(order, 'tracking', box, onDone, (f) => ({
        trackingNumber: f.get('trackingNumber'),
        ...(f.get('carrier') && { carrier: Number(f.get('carrier')) }),
      })),
    },
    h('h2', { id: 'tracking-title' }, 'Add tracking'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'trackingNumber' }, 'Tracking number'),
      h('input', { id: 'trackingNumber', name: 'trackingNumber', required: true, autocomplete: 'off' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'carrier' }, 'Carrier'),
      h(
        'select',
        { id: 'carrier', name: 'carrier' },
        h('option', { value: '' }, 'Detect automatically'),
        carriers.map((c) => h('option', { value: c.code }, c.name)),
      ),
    ),
    box,
    h('button', { type: 'submit' }, 'Mark as shipped'),
  );
  return form;
}

function deliveredButton(order, onDone) {
  const box = errorBox('delivered-error');
  return h(
    'div',
    { class: 'card' },
    h('h2', {}, 'Delivery'),
    h('p', {}, 'Mark the order delivered once tracking shows the parcel arrived; tracking usually does this for you.'),
    box,
    h(
      'button',
      {
        type: 'button',
        onclick: orderAction(order, 'delivered', box, onDone, () => ({})),
      },
      'Mark delivered',
    ),
  );
}

async function orderPage(id) {
  const { order } = await api('GET', `/v1/orders/${encodeURIComponent(id)}`);
  const reload = () => orderPage(id);
  const lines = addressLines(order.shippingAddress);
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
  else if (order.status === 'SUPPLIER_ORDERED' || order.status === 'AWAITING_SHIPMENT')
    action = await trackingForm(order, reload);
  else if (order.status === 'SHIPPED') action = deliveredButton(order, reload);
  show(
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
    action,
    card(
      'timeline-title',
      'Timeline',
      h(
        'ol',
        { class: 'timeline' },
        order.events.map((e) =>
          h('li', {}, localTime(e.at), ` ${e.type.replace(/[._]/g, ' ')} · ${e.actor.split(':')[0]}`),
        ),
      ),
    ),
  );
}

async function earningsPage() {
  const data = await api('GET', '/v1/vendors/me/earnings');
  show(
    h('h1', {}, 'Earnings'),
    h(
      'div',
      { class: 'balances' },
      [
        ['Pending', data.pending, 'Delivered orders in their holding period'],
        ['Available', data.available, 'Ready for payout'],
        ['Reversed', data.reversed, 'Disputes resolved for the customer'],
      ].map(([label, amount, hint]) =>
        h(
          'div',
          { class: 'card balance' },
          h('h2', {}, label),
          h('p', { class: 'amount' }, money(amount)),
          h('p', { class: 'hint' }, hint),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Ledger'),
      data.entries.length
        ? h(
            'ol',
            { class: 'timeline' },
            data.entries.map((e) =>
              h('li', {}, `${new Date(e.at).toLocaleDateString()} · ${e.bucket} ${money(e.amount)} · ${e.reason}`),
            ),
          )
        : h('p', { class: 'muted' }, 'No earnings yet.'),
    ),
  );
}

async function route() {
  if (!token()) return signIn();
  signingIn = false;
  nav.hidden = false;
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  try {
    const order = /^\/orders\/(ord_[a-z0-9]+)$/.exec(path || '');
    if (order) await orderPage(order[1]);
    else if (path === '/earnings') await earningsPage();
    else if (path === '/sign-in') signIn();
    else await ordersPanel(new URLSearchParams(search || ''));
  } catch (err) {
    const box = errorBox('page-error');
    show(box);
    showError(box, err);
  }
}

document.getElementById('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  location.hash = '#/sign-in';
});
window.addEventListener('hashchange', route);
route();
