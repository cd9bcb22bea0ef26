// The Message-ID of an outbox email: derived from its outbox key, so every attempt of one email carries the same id
// and a receiver can collapse the rare duplicate SMTP cannot rule out (README, "exactly once").

/** `<key with anything but word characters, dots and dashes as dots>@dropship-fulfillment`. */
export function outboxMessageId(key: string): string {
  return `<${key.replace(/[^\w.-]/g, '.')}@dropship-fulfillment>`;
}
