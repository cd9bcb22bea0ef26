// The JSON API with the vendor's token, kept for the browser tab's session.
const TOKEN_KEY = 'dropship.vendorToken';
const NAME_KEY = 'dropship.vendorName';
let signingIn = false; // on the sign-in view a 401 is shown in place, not redirected

export function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Keeps the token the vendor signs in with, for every call after. */
export function useToken(value) {
  sessionStorage.setItem(TOKEN_KEY, value);
}

/** The signed-in vendor's name, shown in the header so a vendor with several accounts sees which one this is. */
export function vendorName() {
  return sessionStorage.getItem(NAME_KEY) ?? '';
}

export function rememberVendorName(name) {
  sessionStorage.setItem(NAME_KEY, name);
}

/** Forgets the token and stays on the page (a sign-in that failed shows its error there). */
export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(NAME_KEY);
}

/** While the sign-in view is up, a 401 is that form's error instead of a redirect to it. */
export function setSigningIn(value) {
  signingIn = value;
}

export function signOut() {
  forgetToken();
  location.hash = '#/sign-in';
}

/** Calls the API; rejects with the API's error (`err.error`: code, message, details) when it is not 2xx. */
export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${token()}`, ...(body && { 'content-type': 'application/json' }) },
    body: body && JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.status === 401 && !signingIn) signOut();
  if (!response.ok)
    throw Object.assign(new Error(data.error?.message || `HTTP ${response.status}`), { error: data.error });
  return data;
}
