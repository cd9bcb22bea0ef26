// The API's errors, shown where the vendor acted.
import { h } from './dom.js';

const FIELD_LABELS = {
  name: 'Name',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  region: 'Region / state',
  postalCode: 'Postal code',
  country: 'Country',
};

/** An empty alert box, shown by showError. */
export function errorBox(id) {
  return h('div', { id, class: 'error', role: 'alert', 'aria-live': 'assertive', hidden: true });
}

/** Shows the API's error in `box`; an address mismatch as a labelled list of the differences. */
export function showError(box, err) {
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
