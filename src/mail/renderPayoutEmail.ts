// The payout email's body, rendered by the worker when the outbox relay sends it.
import { render, toPlainText } from '@react-email/render';
import { createElement } from 'react';
import type { RenderedEmail } from './orderEmails';
import { payoutEmailEnvelope } from './payoutEmail';
import type { PayoutEmailContext } from './payoutEmailContext';
import VendorPayoutSent from './templates/VendorPayoutSent';

/** Renders a payout's email with its HTML and plain-text parts. */
export async function renderPayoutEmail(ctx: PayoutEmailContext): Promise<RenderedEmail> {
  const html = await render(createElement(VendorPayoutSent, ctx));
  return { ...payoutEmailEnvelope(ctx), html, text: toPlainText(html) };
}
