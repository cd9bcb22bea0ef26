// The names of an outbox email: its key, which makes it one email ever, and the Message-ID derived from it, which
// every attempt of that email carries, so a receiver can collapse the rare duplicate SMTP cannot rule out (README,
// "exactly once"). Light on purpose: the API writes outbox rows too (payouts, chargebacks).
import { orderWorkflowId } from '../../workflows/messages';
import type { EmailKind } from './orderEmails';

/** The outbox key of one order email: `<workflow id>:<kind>[.<topic>]:<occurrence>`. */
export function emailKey(orderId: string, kind: EmailKind, occurrence: number, topic?: string): string {
  return `${orderWorkflowId(orderId)}:${kind}${topic ? `.${topic}` : ''}:${occurrence}`;
}

/** `<key with anything but word characters, dots and dashes as dots>@dropship-fulfillment`. */
export function outboxMessageId(key: string): string {
  return `<${key.replace(/[^\w.-]/g, '.')}@dropship-fulfillment>`;
}
