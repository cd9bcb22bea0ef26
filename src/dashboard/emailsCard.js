// The order's emails: whom each went to and whether it went. A customer asking "where is my tracking?" gets a real
// answer: sent at 12:03, waiting for the mail server (it goes out by itself), or refused by theirs (and what it said).
import { api } from './api.js';
import { card, h, localTime } from './dom.js';

const READERS = { customer: 'the customer', vendor: 'you', ops: 'the marketplace' };

/** What became of one email, in the vendor's words. */
function deliveryText(email) {
  if (email.delivery === 'sent') return ['sent ', localTime(email.sentAt)];
  if (email.delivery === 'sending') return ['being sent'];
  if (email.delivery === 'waiting') return [`waiting for the mail server; it goes out by itself (${email.detail})`];
  if (email.delivery === 'refused') return [`refused by the mail server: ${email.detail}`];
  return [`not sent: the order had moved on (${String(email.detail).replace(/^not sent: /, '')})`];
}

/** The order's emails, oldest first, as a card. */
export async function emailsCard(orderId) {
  const { emails } = await api('GET', `/v1/orders/${encodeURIComponent(orderId)}/emails`);
  return card(
    'emails-title',
    'Emails',
    h(
      'ol',
      { class: 'emails' },
      emails.map((email) =>
        h(
          'li',
          { class: `email email-${email.delivery}` },
          h('strong', {}, email.subject),
          ` · to ${READERS[email.reader]} (${email.to}) · `,
          ...deliveryText(email),
        ),
      ),
    ),
  );
}
