// Earnings: pending, available and reversed balances, and the ledger behind them.
import { api } from './api.js';
import { h, show } from './dom.js';
import { money } from './format.js';

export async function earningsPage() {
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
