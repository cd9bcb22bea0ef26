// Signing in with the vendor token.
import { api, forgetToken, rememberVendorName, setSigningIn, useToken } from './api.js';
import { h, show } from './dom.js';
import { errorBox, showError } from './errors.js';

/**
 * After the sign-in, on to where the vendor was going: the order an email linked to, say; the orders list when the
 * address was the sign-in itself. The same hash again fires no hashchange, so the page is routed by hand then.
 */
function goOn() {
  const next = !location.hash || location.hash.startsWith('#/sign-in') ? '#/orders' : location.hash;
  if (location.hash === next) window.dispatchEvent(new Event('hashchange'));
  else location.hash = next;
}

export function signIn() {
  setSigningIn(true);
  document.getElementById('nav').hidden = true;
  const box = errorBox('sign-in-error');
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off', required: true });
  show(
    h('h1', {}, 'Sign in'),
    h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          useToken(input.value.trim());
          try {
            const { vendor } = await api('GET', '/v1/vendors/me');
            rememberVendorName(vendor.name);
            goOn();
          } catch (err) {
            forgetToken();
            showError(box, err);
          }
        },
      },
      h('label', { for: 'token' }, 'Vendor token'),
      input,
      h('p', { class: 'hint' }, 'The token you received when your vendor account was created.'),
      box,
      h('button', { type: 'submit' }, 'Sign in'),
    ),
  );
}
