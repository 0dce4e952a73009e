// Services and methods: calls, error rate and latency percentiles of the time range, sortable by column.
import { get } from '../api.js';
import { count, h, ms, percent, replace, table } from '../dom.js';
import { rangeLabel, sortableHeaders, sortRows } from './shared.js';

const errorRate = (figures) => (figures.total ? (figures.total - figures.success) / figures.total : null);

const COLUMNS = {
  Service: { value: (s) => s.service || s.method },
  Calls: { value: (s) => s.total, num: true },
  'Error rate': { value: errorRate, num: true },
  p50: { value: (s) => s.p50Ms, num: true },
  p95: { value: (s) => s.p95Ms, num: true },
  p99: { value: (s) => s.p99Ms, num: true },
  Max: { value: (s) => s.maxMs, num: true },
};

export async function render({ main, hours, params }) {
  const result = await get('services', { hours });
  let sort = { column: params.get('sort') || 'Calls', direction: params.get('direction') || 'desc' };
  const holder = h('div');
  const draw = () => {
    const rows = [];
    sortRows(result.services, COLUMNS, sort).forEach((service) => {
      rows.push(figuresRow(service.service, service, 'service'));
      sortRows(service.methods || [], COLUMNS, sort).forEach((method) => rows.push(figuresRow(method.method, method, 'method')));
    });
    replace(holder, table(sortableHeaders(COLUMNS, sort, (next) => { sort = next; draw(); }), rows, { id: 'services' }));
  };
  draw();
  replace(main, h('h1', {}, 'Services and methods'),
    h('p', { class: 'muted' }, `${result.services.length} services with calls in the ${rangeLabel(hours)}; click a column to sort.`), holder);
}

function figuresRow(name, figures, kind) {
  return h('tr', { class: kind, 'data-name': name },
    h('td', {}, kind === 'service' ? h('strong', {}, name) : name), h('td', { class: 'num' }, count(figures.total)),
    h('td', { class: 'num' }, percent(errorRate(figures))), h('td', { class: 'num' }, ms(figures.p50Ms)),
    h('td', { class: 'num' }, ms(figures.p95Ms)), h('td', { class: 'num' }, ms(figures.p99Ms)),
    h('td', { class: 'num' }, ms(figures.maxMs)));
}
