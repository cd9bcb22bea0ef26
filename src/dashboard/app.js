// The vendor dashboard: sign in with the vendor token, the Orders panel, the order page with its forms,
// earnings and the account. Plain browser JavaScript modules over the JSON API, no build step; this one routes on the URL's hash.
import { setSigningIn, signOut, token, vendorName } from './api.js';
import { show, stillHere } from './dom.js';
import { accountPage } from './accountPage.js';
import { whenBackToTab } from './backToTab.js';
import { earningsPage } from './earningsPage.js';
import { errorBox, showError } from './errors.js';
import { orderPage } from './orderPage.js';
import { ordersPanel } from './ordersPanel.js';
import { signIn } from './signIn.js';

async function route() {
  whenBackToTab(null); // the page about to be shown sets its own, if it re-reads itself
  if (!token()) return signIn();
  setSigningIn(false);
  document.getElementById('nav').hidden = false;
  document.getElementById('vendor-name').textContent = vendorName();
  const [path, search] = location.hash.replace(/^#/, '').split('?');
  const here = stillHere();
  try {
    const order = /^\/orders\/(ord_[a-z0-9]+)$/.exec(path || '');
    if (order) await orderPage(order[1]);
    else if (path === '/earnings') await earningsPage();
    else if (path === '/account') await accountPage();
    else if (path === '/sign-in') signIn();
    else await ordersPanel(new URLSearchParams(search || ''));
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
