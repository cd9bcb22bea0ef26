// The vendor's account: the name and the address its order emails go to, and a new token when the old one may
// have leaked (the old one stops working at once; the new one is shown here once and this tab goes on with it).
import { api, rememberVendorName, useToken } from './api.js';
import { card, h, labelled } from './dom.js';
import { errorBox, showError } from './errors.js';
import { pageShowing } from './pageShowing.js';

export async function accountPage() {
  const put = pageShowing();
  const { vendor } = await api('GET', '/v1/vendors/me');
  const detailsError = errorBox('account-error');
  const saved = h('span', { class: 'hint', 'aria-live': 'polite' });
  const name = h('input', { id: 'account-name', name: 'name', value: vendor.name, required: true, maxlength: 200 });
  const email = h('input', { id: 'account-email', name: 'email', type: 'email', value: vendor.email, required: true });

  const tokenError = errorBox('token-error');
  const tokenResult = h('div', { id: 'new-token', 'aria-live': 'polite' });
  const replaceToken = async () => {
    try {
      const { token } = await api('POST', '/v1/vendors/me/token', {});
      useToken(token);
      const shown = h('input', { id: 'token-value', readonly: true, value: token, 'aria-label': 'Your new token' });
      tokenResult.replaceChildren(
        h('p', {}, 'Your new token. Keep it somewhere safe: it is not shown again, and the old one no longer works.'),
        shown,
      );
      shown.select();
    } catch (err) {
      showError(tokenError, err);
    }
  };

  put(
    h('h1', {}, 'Account'),
    h(
      'form',
      {
        class: 'card',
        'aria-labelledby': 'account-title',
        onsubmit: async (event) => {
          event.preventDefault();
          detailsError.hidden = true;
          try {
            const { vendor: changed } = await api('PATCH', '/v1/vendors/me', { name: name.value, email: email.value });
            rememberVendorName(changed.name);
            document.getElementById('vendor-name').textContent = changed.name;
            saved.textContent = 'Saved';
          } catch (err) {
            saved.textContent = '';
            showError(detailsError, err);
          }
        },
      },
      h('h2', { id: 'account-title' }, 'Your details'),
      labelled('Name', name),
      labelled('Email for new orders and alerts', email),
      detailsError,
      h('button', { type: 'submit' }, 'Save'),
      ' ',
      saved,
    ),
    card(
      'token-title',
      'Token',
      h('p', { class: 'hint' }, 'If your token may have been seen by someone else, replace it.'),
      tokenError,
      tokenResult,
      h('button', { type: 'button', class: 'secondary', onclick: replaceToken }, 'Replace my token'),
    ),
  );
}
