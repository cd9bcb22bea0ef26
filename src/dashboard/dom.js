// Building the page: elements from data, set as text, never as HTML.
const main = document.getElementById('main');

/** Builds an element: h('a', { href }, 'text', child). Strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A card titled by its own heading, which also labels it for screen readers. */
export function card(titleId, title, ...children) {
  return h('section', { class: 'card', 'aria-labelledby': titleId }, h('h2', { id: titleId }, title), ...children);
}

/** A form field: the control and its label, tied by the control's id. */
export function labelled(label, control) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control);
}

/** An instant from the API, shown in the vendor's local time and locale. */
export function localTime(iso) {
  return h('time', { datetime: iso }, new Date(iso).toLocaleString());
}

/** Replaces the page's content and moves the focus to it, for screen readers. */
export function show(...nodes) {
  refresh(...nodes);
  main.focus();
}

/** Replaces the page's content in place, the focus and scroll left where the vendor has them: a re-read page. */
export function refresh(...nodes) {
  main.replaceChildren(...nodes.flat().filter(Boolean));
}
