// Requests: the request log newest first, filtered (service, method, status, principal, trace id when the
// log records one) within the time range, paged by cursor; one call in full with its captured payloads.
import { navigate } from '../app.js';
import { get } from '../api.js';
import { badge, count, h, ms, replace, table, time } from '../dom.js';
import { rangeLabel } from './shared.js';

const FILTERS = ['service', 'method', 'status', 'principal', 'traceId'];

const SIZE = 25;

export async function render(context) {
  return context.id ? renderDetail(context) : renderList(context);
}

async function renderList({ main, params, hours, sections }) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || '']));
  // Pages go by the cursors each page returns (older: before=, newer: after=), which the database seeks to
  // in its created_at index however deep they are; `at` is only the position shown, 1 on the newest page.
  const cursor = { before: params.get('before'), after: params.get('after') };
  const at = (cursor.before || cursor.after) ? Math.max(1, Number(params.get('at')) || 1) : 1;
  const since = new Date(Date.now() - hours * 3600 * 1000).toISOString();
  // Service and method names for the filters come from reflection (no database query), when offered.
  const [result, schema] = await Promise.all([
    get('requests', { ...filters, ...cursor, since, size: SIZE }),
    sections.includes('schema') ? get('schema').catch(() => null) : null,
  ]);
  // Trace ids exist only where the request log records them: offer the filter only then.
  const traced = filters.traceId || result.requests.some((call) => 'traceId' in call);
  const form = h('form', { class: 'filters', id: 'request-filters' },
    field('service', 'Service', filters.service, (schema ? schema.services : []).map((s) => s.name)),
    field('method', 'Method', filters.method, methodsOf(schema, filters.service)),
    h('label', {}, 'Status', h('select', { name: 'status' },
      ['', 'success', 'error', 'cancelled', 'timeout'].map((s) => h('option', { value: s, selected: s === filters.status }, s || 'any')))),
    field('principal', 'Principal', filters.principal),
    traced ? field('traceId', 'Trace id', filters.traceId) : null,
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('button', { type: 'button', onclick: () => navigate('requests') }, 'Clear'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    navigate('requests', Object.fromEntries(FILTERS.map((name) => [name, (data.get(name) || '').trim()])));
  });
  const headers = ['Started', 'Method', 'Type', 'Status', 'gRPC status', h('th', { class: 'num' }, 'Duration'),
    'Principal', 'Client', 'Request id'];
  if (traced) {
    headers.push('Trace id');
  }
  const rows = result.requests.map((call) => h('tr', {
    class: 'clickable', 'data-id': call.id, onclick: () => navigate('requests', {}, call.id),
  }, h('td', {}, time(call.createdAt)), h('td', {}, `${call.service}/${call.method}`), h('td', {}, call.callType),
  h('td', {}, badge(call.status)), h('td', {}, call.grpcStatus), h('td', { class: 'num' }, ms(call.durationMs)),
  h('td', {}, call.principalName || call.principalId || '—'), h('td', {}, call.clientIp || '—'),
  h('td', {}, h('code', {}, call.requestId || '—')), traced ? h('td', {}, h('code', {}, call.traceId || '—')) : null));
  // The total stops counting at 10,000 (totalExact false): the page says "more than" then.
  const total = result.totalExact ? count(result.total) : `more than ${count(result.total)}`;
  const last = at + result.requests.length - 1;
  const newer = () => navigate('requests', at - SIZE > 1 ? { ...filters, after: result.newer, at: at - SIZE } : filters);
  const older = () => navigate('requests', { ...filters, before: result.older, at: last + 1 });
  replace(main, h('h1', {}, 'Requests'), form,
    h('p', { class: 'muted', id: 'request-total' }, `${capitalized(total)} calls in the ${rangeLabel(hours)}`),
    table(headers, rows, { id: 'requests' }),
    h('div', { class: 'pager' },
      h('button', { type: 'button', id: 'newer', disabled: !result.newer, onclick: newer }, '← Newer'),
      h('span', { id: 'pager-position' }, result.requests.length ? `${count(at)}–${count(last)} of ${total}` : 'No calls'),
      h('button', { type: 'button', id: 'older', disabled: !result.older, onclick: older }, 'Older →')));
}

function capitalized(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function field(name, label, value, options) {
  const list = options && options.length ? h('datalist', { id: `${name}-options` }, options.map((o) => h('option', { value: o }))) : null;
  return h('label', {}, label, h('input', { name, value, list: list ? `${name}-options` : null, autocomplete: 'off' }), list);
}

function methodsOf(schema, service) {
  const found = schema && schema.services.find((s) => s.name === service);
  return found ? found.methods.map((m) => m.name) : [];
}

async function renderDetail({ main, id, sections }) {
  const call = await get(`requests/${id}`);
  const rows = [
    ['Status', badge(call.status)], ['gRPC status', call.grpcStatus], ['Message', call.errorMessage || '—'],
    ['Method', call.fullMethod], ['Type', call.callType], ['Started', time(call.createdAt)],
    ['Completed', time(call.completedAt)], ['Duration', ms(call.durationMs)],
    ['Principal', call.principalName ? `${call.principalName} (${call.principalId})` : (call.principalId || '—')],
    ['Authenticated', call.authenticated ? `yes, ${call.authMethod || ''}` : 'no'], ['API key id', call.apiKeyId || '—'],
    ['Client', call.clientIp || '—'], ['Peer', call.peer || '—'], ['User agent', call.userAgent || '—'],
    ['Request id', h('code', {}, call.requestId || '—')],
  ];
  if ('traceId' in call) {
    rows.push(['Trace id', h('code', {}, call.traceId || '—')]);
  }
  rows.push(['Messages', `${count(call.messagesIn)} in (${count(call.bytesIn)} bytes), ${count(call.messagesOut)} out (${count(call.bytesOut)} bytes)`]);
  const replay = sections.includes('invoke')
    ? h('a', { class: 'write', id: 'replay', href: `#/invoke?${new URLSearchParams({ service: call.service, method: call.method, request: call.requestPayload || '' })}` }, 'Replay in invoke')
    : null;
  replace(main, h('p', {}, h('a', { href: '#/requests' }, '← Requests')),
    h('h1', {}, `${call.service}/${call.method}`),
    h('dl', { class: 'detail', id: 'call-detail' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
    (call.sameRequestId && call.sameRequestId.length)
      ? h('p', {}, 'Older calls with this request id: ', call.sameRequestId.map((rowId) => [h('a', { href: `#/requests/${rowId}` }, rowId), ' '])) : null,
    h('div', { class: 'grid2' },
      h('div', {}, h('h2', {}, 'Request payload'), payload(call.requestPayload, call.messagesIn)),
      h('div', {}, h('h2', {}, 'Response payload'), payload(call.responsePayload, call.messagesOut))),
    replay);
}

function payload(text, messages) {
  if (!text && !messages) {
    return h('p', { class: 'muted' }, 'No message.');
  }
  if (!text) {
    return h('p', { class: 'muted' }, 'Not captured (grpc.request-log.payloads.methods lists the methods whose payloads are kept).');
  }
  try {
    return h('pre', {}, JSON.stringify(JSON.parse(text), null, 2));
  } catch (e) {
    return h('pre', {}, text);
  }
}
