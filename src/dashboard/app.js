// The vendor dashboard: sign in with the vendor token, the Orders panel, the order page with its forms,
// earnings and the account. Plain browser JavaScript modules over the JSON API, no build step; this one routes on the URL's hash.
import { setSigningIn, signOut, token, vendorName } from './api.js';
import { show } from './dom.js';
import { accountPage } from './accountPage.js';
import { whenBackToTab } from './backToTab.js';
import { earningsPage } from './earningsPage.js';
import { errorBox, showError } from './errors.js';
import { orderPage } from './orderPage.js';
import { stillHere } from './pageShowing.js';
import { ordersPanel } from './ordersPanel.js';
import { signIn } from './signIn.js';

/**
 * The page at the address `path` (and `search`): `show(again)` shows it. The orders, an order and the earnings move on
 * by themselves while a tab is left open (`rereads`): shown `again` when the vendor comes back to the tab.
 */
function pageAt(path, search) {
  const order = /^\/orders\/(ord_[a-z0-9]+)$/.exec(path || '');
  if (order) return { show: (again) => orderPage(order[1], again), rereads: true };
  if (path === '/earnings') return { show: earningsPage, rereads: true };
  if (path === '/account') return { show: accountPage, rereads: false };
  if (path === '/sign-in') return { show: signIn, rereads: false };
  return { show: (again) => ordersPanel(new URLSearchParams(search || ''), again), rereads: true };
}

async function route() {
  whenBackToTab(null); // the page left is not read again
  if (!token()) return signIn();
  setSigningIn(false);
  document.getElementById('nav').hidden = false;
  document.getElementById('vendor-name').textContent = vendorName();
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const here = stillHere();
  try {
    const page = pageAt(path, search);
    await page.show(false);
    if (page.rereads && here()) whenBackToTab(() => page.show(true));
  } catch (err) {
    if (!here()) return; // the vendor has gone on to another page: this one's error is not about it
    const box = errorBox('page-error');
    show(box);
    showError(box, err);
  }
}

document.getElementById('sign-out').addEventListener('click', signOut);
window.addEventListener('hashchange', route);
void route();
