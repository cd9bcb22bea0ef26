// The payout emails' bodies, rendered by the worker when the outbox relay sends them.
import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import type { RenderedEmail } from './orderEmails';
import { PAYOUT_EMAIL_KIND, type PayoutEmailKind, payoutEmailEnvelope } from './payoutEmail';
import type { PayoutEmailContext } from './payoutEmailContext';
import VendorPayoutReturned from './templates/VendorPayoutReturned';
import VendorPayoutSent from './templates/VendorPayoutSent';

/** Renders a payout's email of `kind` with its HTML and plain-text parts. */
export async function renderPayoutEmail(kind: PayoutEmailKind, ctx: PayoutEmailContext): Promise<RenderedEmail> {
  const template = kind === PAYOUT_EMAIL_KIND ? VendorPayoutSent : VendorPayoutReturned;
  const html = await render(createElement(template, ctx));
  return { ...payoutEmailEnvelope(kind, ctx), html, text: toPlainText(html) };
}
