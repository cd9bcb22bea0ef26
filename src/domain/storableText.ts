// PostgreSQL's text and jsonb cannot hold U+0000, and jsonb refuses a UTF-16 surrogate without its pair. A string
// with either fails its write, and a write the order workflow retries until it succeeds would wedge the order.

// In a `u` regex a surrogate pair is one code point, so \p{Cs} finds only the unpaired ones.
// eslint-disable-next-line no-control-regex -- finding U+0000 is the point
const UNSTORABLE = /[\u0000\p{Cs}]/u;
const EVERY_UNSTORABLE = new RegExp(UNSTORABLE.source, 'gu');

/** Whether PostgreSQL can store `text` as it is. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** `text` with what PostgreSQL cannot store replaced by U+FFFD: for text from outside that we must keep anyway. */
export function toStorableText(text: string): string {
  return text.replace(EVERY_UNSTORABLE, '\uFFFD');
}
