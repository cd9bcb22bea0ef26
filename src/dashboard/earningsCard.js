// The order page's word on the vendor's money from this order: pending, held by a dispute, available, reversed by a
// dispute or charged back after release.
import { card, h } from './dom.js';
import { money } from './format.js';

const STANDING = {
  pending: ['pending', 'Becomes available for payout when the holding period after delivery ends.'],
  held: ['on hold: a dispute is open', 'If the dispute is resolved for the customer, these earnings are reversed.'],
  available: ['available for payout', null],
  reversed: ['reversed', 'The dispute was resolved for the customer.'],
  chargedBack: [
    'charged back',
    'The customer’s payment was reversed after release: taken from your available earnings.',
  ],
};

/** Nothing before delivery: there are no earnings to speak of until then. */
export function earningsCard(order) {
  if (!order.earnings) return null;
  const chargedBack = order.events.some((e) => e.type === 'earnings.charged_back');
  const standing =
    order.earnings.status === 'pending' && order.disputeOpen
      ? 'held'
      : chargedBack
        ? 'chargedBack'
        : order.earnings.status;
  const [label, hint] = STANDING[standing] || [order.earnings.status, null];
  return card(
    'earnings-title',
    'Your earnings',
    h('p', { id: 'order-earnings' }, h('strong', {}, money(order.earnings)), ` ${label}`),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('a', { href: '#/earnings' }, 'All earnings'),
  );
}
