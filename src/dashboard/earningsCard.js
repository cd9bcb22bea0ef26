// The order page's word on the vendor's money from this order: pending, held by a dispute, available, reversed by a
// dispute or charged back after release; or, before delivery, what a dispute means for it.
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

/** Earnings are recorded at delivery. Before it there are none to speak of, unless a dispute is about the order. */
export function earningsCard(order) {
  if (!order.earnings) return disputeBeforeDelivery(order);
  const chargedBack = order.events.some((e) => e.type === 'earnings.charged_back');
  const standing =
    order.earnings.status === 'pending' && order.disputeOpen
      ? 'held'
      : chargedBack
        ? 'chargedBack'
        : order.earnings.status;
  const [label, hint] = STANDING[standing] || [order.earnings.status, null];
  return earningsCardOf([h('strong', {}, money(order.earnings)), ` ${label}`], hint);
}

/** A dispute opened before delivery (the customer says it never arrived): a customer's win refunds the order. */
function disputeBeforeDelivery(order) {
  if (order.status === 'REFUNDED')
    return earningsCardOf(
      [h('strong', {}, 'None: refunded before delivery')],
      'The dispute was resolved for the customer.',
    );
  if (!order.disputeOpen) return null;
  return earningsCardOf(
    [h('strong', {}, 'None yet: a dispute is open')],
    'The customer says the order has not arrived. Resolved for the customer, it is refunded and earns you nothing; delivered meanwhile, its earnings are held until the dispute is resolved.',
  );
}

function earningsCardOf(standing, hint) {
  return card(
    'earnings-title',
    'Your earnings',
    h('p', { id: 'order-earnings' }, ...standing),
    hint ? h('p', { class: 'hint' }, hint) : null,
    h('a', { href: '#/earnings' }, 'All earnings'),
  );
}
