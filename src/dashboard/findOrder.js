// Find an order by a number someone quotes: the store's order number (a customer writing in), the supplier's order
// number (the supplier writing about a delay) or the tracking number (a customer or the carrier). The quickest way
// to an order among hundreds.
import { api } from './api.js';
import { h } from './dom.js';
import { errorBox, showError } from './errors.js';

/** The list's filters a quoted number may match, the store's own number first. */
const NUMBER_FILTERS = ['externalId', 'supplierOrderId', 'trackingNumber'];

/** The vendor's order with `number` as any of the numbers above, or undefined. */
async function orderWithNumber(number) {
  const pages = await Promise.all(
    NUMBER_FILTERS.map((filter) => api('GET', `/v1/orders?${filter}=${encodeURIComponent(number)}&limit=1`)),
  );
  return pages.map((page) => page.orders[0]).find(Boolean);
}

export function findOrderForm() {
  const input = h('input', {
    id: 'find-order',
    type: 'search',
    placeholder: 'Order, supplier or tracking no.',
    autocomplete: 'off',
    required: true,
    maxlength: 200,
  });
  const result = h('p', { class: 'muted', role: 'status', id: 'find-order-result' });
  const error = errorBox('find-order-error');
  return h(
    'form',
    {
      class: 'find-order',
      role: 'search',
      onsubmit: async (event) => {
        event.preventDefault();
        const number = input.value.trim();
        error.hidden = true;
        result.textContent = '';
        try {
          const order = await orderWithNumber(number);
          if (order) location.hash = `#/orders/${order.id}`;
          else
            result.textContent = `None of your orders has the number ${number}, as its order, supplier order or tracking number.`;
        } catch (err) {
          showError(error, err);
        }
      },
    },
    h('label', { for: 'find-order' }, 'Find an order by its number'),
    h('div', { class: 'find-row' }, input, h('button', { type: 'submit', class: 'secondary' }, 'Find')),
    result,
    error,
  );
}
