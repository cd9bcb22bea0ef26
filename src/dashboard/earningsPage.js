// Earnings: pending, available, reversed and paid-out balances, and the ledger behind them, each entry with its order
// or its payout.
import { api } from './api.js';
import { h, localTime } from './dom.js';
import { money } from './format.js';
import { moreButton } from './moreButton.js';
import { pageShowing } from './pageShowing.js';

const PAGE_SIZE = 50; // ledger entries per page

/** The earnings page; `again` re-reads it (src/dashboard/pageShowing.js). */
export async function earningsPage(again = false) {
  const put = pageShowing(again);
  const page = (cursor) =>
    api('GET', `/v1/vendors/me/earnings?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  const data = await page();
  const ledger = h('ol', { class: 'ledger' }, data.entries.map(ledgerEntry));
  // The settlement currency first, always; another only when it has earnings (orders priced in it), which the
  // settlement currency's sums leave out.
  const settlement = data.pending.currency;
  const currencies = data.byCurrency
    .filter((c) => c.currency === settlement || c.pending || c.available || c.reversed || c.paidOut)
    .sort((a, b) => (a.currency === settlement ? -1 : b.currency === settlement ? 1 : 0));
  put(
    h('h1', {}, 'Earnings'),
    h(
      'div',
      { class: 'balances' },
      [
        ['Pending', 'pending', 'Delivered orders in their holding period'],
        [
          'Available',
          'available',
          // Below zero only after a chargeback of earnings already paid out: say so, or it reads as an error.
          currencies.some((c) => c.available < 0)
            ? 'Below zero after a chargeback: new earnings make up for it before the next payout'
            : 'Ready for payout',
        ],
        ['Paid out', 'paidOut', 'Payouts the marketplace recorded'],
        ['Reversed', 'reversed', 'Taken back by disputes lost and chargebacks'],
      ].map(([label, bucket, hint]) =>
        h(
          'div',
          { class: 'card balance' },
          h('h2', {}, label),
          currencies.map((c) => h('p', { class: 'amount' }, money({ amount: c[bucket], currency: c.currency }))),
          h('p', { class: 'hint' }, hint),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Ledger'),
      data.entries.length ? ledger : h('p', { class: 'muted' }, 'No earnings yet.'),
      moreButton({
        id: 'more-entries',
        label: 'Show older entries',
        cursor: data.nextCursor,
        fetchPage: page,
        append: (next) => ledger.append(...next.entries.map(ledgerEntry)),
      }),
    ),
  );
}

/**
 * One movement of one order or payout: when, which order (a link to it) or payout (the marketplace's id and
 * reference, which the vendor finds on its bank statement), what happened and the signed amount.
 */
function ledgerEntry(entry) {
  const signed = entry.amount.amount > 0 ? `+${money(entry.amount)}` : money(entry.amount);
  const source = entry.payout
    ? h('span', { class: 'payout-ref' }, [entry.payout.externalId, entry.payout.reference].filter(Boolean).join(' · '))
    : h('a', { href: `#/orders/${entry.orderId}` }, entry.externalId);
  return h(
    'li',
    { class: 'ledger-entry' },
    localTime(entry.at),
    source,
    h('span', {}, entry.description),
    h('span', { class: `ledger-amount bucket-${entry.bucket}` }, `${signed} ${entry.bucket.replace('_', ' ')}`),
  );
}
