// DOM building from elements and text nodes only (no markup parsed from data), and small formatters shared by the pages.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (value === undefined || value === null || value === false) {
      return;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  });
  append(element, children);
  return element;
}

function append(element, children) {
  children.flat(Infinity).forEach((child) => {
    if (child === undefined || child === null || child === false) {
      return;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

export function table(headers, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headers.map((header) => (header instanceof Node ? header : h('th', {}, header))))),
    h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'Nothing yet'))));
}

export function card(label, value, detail) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    detail ? h('div', { class: 'muted' }, detail) : null);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || text || ''}` }, text ?? '—');
}

export function errorBox(error) {
  return h('p', { class: 'failure', role: 'alert' }, error.message || String(error));
}

export const ms = (value) => (value === null || value === undefined) ? '—'
  : (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Number(value).toFixed(value < 10 ? 2 : 0)} ms`);

export const percent = (value) => (value === null || value === undefined) ? '—' : `${(value * 100).toFixed(1)} %`;

export const count = (value) => (value === null || value === undefined) ? '—' : Number(value).toLocaleString('en');

export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, date.toLocaleString('en-GB', { hour12: false }));
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.max(0, Math.round(seconds));
  if (s < 120) {
    return `${s} s`;
  }
  if (s < 7200) {
    return `${Math.floor(s / 60)} min`;
  }
  if (s < 172800) {
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

// Copies text; navigator.clipboard needs a secure context, so plain HTTP falls back to a selection.
export async function copy(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (e) {
    if (field) {
      field.select();
      return document.execCommand('copy');
    }
    return false;
  }
}
