// The order page's forms, one per step the vendor takes: record (or correct) the supplier order, add (or correct)
// tracking, mark delivered, and cancel an order the vendor cannot fulfil.
import { api } from './api.js';
import { h, labelled } from './dom.js';
import { errorBox, showError } from './errors.js';
import { SUPPLIERS, minorUnits } from './format.js';

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

/**
 * A card form for one order action: `id` names its heading (`<id>-title`) and error box (`<id>-error`); the
 * fields go between the heading and the error box, the submit button last. A `folded` one shows its heading only
 * until the vendor opens it: a correction seldom needed, which would push the tracking, the emails and the timeline
 * down the page.
 */
function actionForm(order, { action, id, title, submit, danger = false, folded = false }, bodyFrom, onDone, ...fields) {
  const box = errorBox(`${id}-error`);
  const heading = h('h2', { id: `${id}-title` }, title);
  const form = h(
    'form',
    {
      class: folded ? undefined : 'card',
      'aria-labelledby': `${id}-title`,
      onsubmit: orderAction(order, action, box, onDone, bodyFrom),
    },
    folded ? null : heading,
    ...fields,
    box,
    h('button', { type: 'submit', class: danger ? 'danger' : undefined }, submit),
  );
  return folded ? h('details', { class: 'card folded' }, h('summary', {}, heading), form) : form;
}

/** The supplier order form's words: a first purchase, its correction before shipping, a reshipment after. */
const SUPPLIER_ORDER_FORMS = {
  record: {
    title: 'Record the supplier order',
    submit: 'Record supplier order',
    hint: 'Ship to the customer’s address (filled in below), never your own.',
  },
  correct: {
    title: 'Correct the supplier order',
    submit: 'Save corrected supplier order',
    hint: 'Mistyped the order number, or the supplier cancelled and you bought again? Save the purchase as it is now: a new one gets the supplier’s full shipping time again.',
  },
  reship: {
    title: 'Sent it again? Record the new supplier order',
    submit: 'Record reshipment',
    hint: 'Parcel lost? Buy the product again, shipped to the customer’s address, and record that purchase here; then correct the tracking with the new parcel’s number, and the customer is emailed it.',
  },
};

/**
 * Records the supplier purchase; once recorded and until the supplier ships, corrects it (a mistyped number, or a
 * purchase the supplier cancelled and the vendor made again), filled in with what the order has; once shipped,
 * records a reshipment (the parcel lost, the product bought again), filled in but for the new order number.
 */
export function supplierOrderForm(order, onDone) {
  const a = order.shippingAddress;
  const dropshipItem = order.items.find((item) => item.dropship);
  const mode = order.status === 'SHIPPED' ? 'reship' : order.status === 'SUPPLIER_ORDERED' ? 'correct' : 'record';
  const words = SUPPLIER_ORDER_FORMS[mode];
  const current = mode === 'correct' ? order.supplierOrder : null;
  const field = (name, label, value, attrs = {}) =>
    labelled(label, h('input', { id: `ship-${name}`, name, value: value ?? '', ...attrs }));
  const amountPaid = current?.amountPaid ?? dropshipItem?.dropship.supplierCost;
  return actionForm(
    order,
    {
      action: 'supplier-order',
      id: 'supplier-order-form',
      title: words.title,
      submit: words.submit,
      folded: mode !== 'record', // once the purchase is recorded, correcting it or buying again is the exception
    },
    (f) => ({
      supplier: f.get('supplier'),
      supplierOrderId: f.get('supplierOrderId'),
      amountPaid: { amount: minorUnits(f.get('amountPaid'), order.total.currency), currency: order.total.currency },
      shipTo: Object.fromEntries(
        ['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'phone'].map((k) => [
          k,
          f.get(k) || undefined,
        ]),
      ),
    }),
    onDone,
    h('p', { class: 'hint' }, words.hint),
    labelled(
      'Supplier',
      h(
        'select',
        { id: 'supplier', name: 'supplier' },
        Object.entries(SUPPLIERS).map(([value, label]) =>
          h(
            'option',
            { value, selected: (order.supplierOrder?.supplier ?? dropshipItem?.dropship.supplier) === value },
            label,
          ),
        ),
      ),
    ),
    labelled(
      'Supplier order number',
      h('input', {
        id: 'supplierOrderId',
        name: 'supplierOrderId',
        required: true,
        autocomplete: 'off',
        value: current?.supplierOrderId ?? '',
      }),
    ),
    labelled(
      `Amount paid (${order.total.currency})`,
      h('input', {
        id: 'amountPaid',
        name: 'amountPaid',
        inputmode: 'decimal',
        required: true,
        value: amountPaid ? (amountPaid.amount / 100).toFixed(2) : '',
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
  );
}

/**
 * Adds the tracking once the supplier has shipped; on a shipped order, corrects it (a wrong number or carrier shows
 * as "no carrier data"), filled in with what the order has, and the customer is emailed the corrected details.
 */
export async function trackingForm(order, onDone) {
  const { carriers } = await api('GET', '/v1/carriers');
  const current = order.status === 'SHIPPED' ? order.tracking : null;
  return actionForm(
    order,
    {
      action: 'tracking',
      id: 'tracking',
      ...(current
        ? { title: 'Correct the tracking', submit: 'Save corrected tracking' }
        : { title: 'Add tracking', submit: 'Mark as shipped' }),
    },
    (f) => ({
      trackingNumber: f.get('trackingNumber'),
      ...(f.get('carrier') && { carrier: Number(f.get('carrier')) }),
    }),
    onDone,
    current
      ? h(
          'p',
          { class: 'hint' },
          'Entered a wrong number or carrier? Save the right one: it is tracked instead, and the customer is emailed the corrected details.',
        )
      : null,
    labelled(
      'Tracking number',
      h('input', {
        id: 'trackingNumber',
        name: 'trackingNumber',
        required: true,
        autocomplete: 'off',
        value: current?.number ?? '',
      }),
    ),
    labelled(
      'Carrier',
      h(
        'select',
        { id: 'carrier', name: 'carrier' },
        h('option', { value: '' }, 'Detect automatically'),
        carriers.map((c) => h('option', { value: c.code, selected: c.code === current?.carrier }, c.name)),
      ),
    ),
  );
}

export function deliveredButton(order, onDone) {
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

/**
 * The vendor's way out of an order it cannot fulfil (the product is out of stock at the supplier, say). The API
 * allows it only before the supplier purchase, so the page offers it only then.
 */
export function cancelForm(order, onDone) {
  return actionForm(
    order,
    { action: 'cancel', id: 'cancel', title: 'Cannot fulfil this order?', submit: 'Cancel order', danger: true },
    (f) => ({ reason: f.get('reason') }),
    onDone,
    h(
      'p',
      { class: 'hint' },
      `Cancel it before you ${order.dropship ? 'buy from the supplier' : 'ship it'}. The customer is emailed that the order was cancelled, with your reason, and the store is told to refund them.`,
    ),
    labelled(
      'Reason (shown to the customer)',
      h('textarea', { id: 'cancel-reason', name: 'reason', required: true, maxlength: 500, rows: 2 }),
    ),
  );
}
