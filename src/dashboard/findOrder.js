// Find an order by the store's order number: what a customer quotes when they write in, and the quickest way to an
// order among hundreds.
import { api } from './api.js';
import { h } from './dom.js';
import { errorBox, showError } from './errors.js';

export function findOrderForm() {
  const input = h('input', {
    id: 'find-order',
    type: 'search',
    placeholder: 'e.g. SHOP-1001',
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
          const { orders } = await api('GET', `/v1/orders?externalId=${encodeURIComponent(number)}&limit=1`);
          if (orders[0]) location.hash = `#/orders/${orders[0].id}`;
          else result.textContent = `None of your orders has the number ${number}.`;
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
