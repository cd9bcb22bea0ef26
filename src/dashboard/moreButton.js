// "Show more": older rows of a list come a page at a time, each page from the cursor of the page before.
import { h } from './dom.js';

/**
 * A button that fetches the page after `cursor` with `fetchPage(cursor)` and hands it to `append(page)`, until a
 * page has no `nextCursor`; hidden when there is nothing more.
 */
export function moreButton({ id, label, cursor, fetchPage, append }) {
  const button = h('button', { type: 'button', class: 'secondary', id }, label);
  let next = cursor;
  button.hidden = !next;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const page = await fetchPage(next);
      append(page);
      button.dataset.paged = ''; // older rows shown: a re-read of the page would drop them (pageShowing.js)
      next = page.nextCursor;
      button.hidden = !next;
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
