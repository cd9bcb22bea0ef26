// Pages load their data before they show it, and the vendor may move on meanwhile, or come back to a tab left open.
import { refresh, show } from './dom.js';

const main = document.getElementById('main');

/**
 * Called as a page starts loading, before its first await: a check, for when its data has come, that the vendor is
 * still at the page's address.
 */
export function stillHere() {
  const address = location.hash;
  return () => location.hash === address;
}

/**
 * How a page puts up its content once loaded, made as it starts loading. Nothing once the vendor has gone on to
 * another page, or it would cover that one. The first time, with the focus moved to it for screen readers; `again`,
 * when the vendor comes back to the tab, in place, the focus and scroll left where they are, and only if the vendor
 * left the page untouched while it loaded.
 */
export function pageShowing(again = false) {
  const here = stillHere();
  return (...nodes) => {
    if (!here() || (again && !untouched())) return;
    if (again) refresh(...nodes);
    else show(...nodes);
  };
}

/**
 * Whether the vendor has left the page's content as it was shown: no field typed in or changed, no folded form
 * opened, no error on show (an action's, next to its form), no older rows loaded with "Show more".
 */
function untouched() {
  const fields = [...main.querySelectorAll('input, textarea, select')];
  return fields.every(unchanged) && !main.querySelector('details[open], .error:not([hidden]), [data-paged]');
}

/** Whether a form field still has the value the page gave it. */
function unchanged(field) {
  if (field.tagName === 'SELECT') {
    const given = [...field.options].findIndex((option) => option.defaultSelected);
    return field.selectedIndex === Math.max(given, 0);
  }
  if (field.type === 'checkbox' || field.type === 'radio') return field.checked === field.defaultChecked;
  return field.value === field.defaultValue;
}
