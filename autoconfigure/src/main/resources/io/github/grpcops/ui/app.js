// The console's shell: hash routing (#/page/id?query), navigation, and the time range that every page
// shares (kept in localStorage, so it sticks across pages and visits).
import { capabilities } from './api.js';
import { errorBox, h, replace } from './dom.js';

const PAGES = [
  ['overview', 'Overview'], ['requests', 'Requests'], ['inflight', 'In flight'], ['services', 'Services'],
  ['timeline', 'Timeline'], ['servers', 'Servers'], ['apikeys', 'API keys'], ['invoke', 'Invoke'],
  ['schema', 'Schema'],
];

// The page each needs from /actuator/grpc: a page whose section is absent is left out of the navigation.
const NEEDS = {
  requests: 'requests', inflight: 'inflight', services: 'services', timeline: 'timeline', servers: 'servers',
  apikeys: 'apikeys', invoke: 'invoke', schema: 'schema',
};

const RANGES = [[1, 'Last hour'], [6, 'Last 6 hours'], [24, 'Last 24 hours'], [168, 'Last 7 days'], [720, 'Last 30 days']];

const RANGE_KEY = 'grpc-ops.console.hours';

const state = { sections: [], writes: false, readOnly: false, cleanup: null };

export function hours() {
  const stored = Number(localStorage.getItem(RANGE_KEY));
  return RANGES.some(([value]) => value === stored) ? stored : 24;
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const [page, ...rest] = path.split('/');
  return { page: page || 'overview', id: rest.length ? decodeURIComponent(rest.join('/')) : null,
    params: new URLSearchParams(query || '') };
}

export function navigate(page, params = {}, id = null) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const path = id ? `${page}/${encodeURIComponent(id)}` : page;
  location.hash = `#/${path}${query.toString() ? `?${query}` : ''}`;
}

function available(page) {
  return !NEEDS[page] || state.sections.includes(NEEDS[page]);
}

function renderNav(current) {
  replace(document.getElementById('nav'), PAGES.filter(([page]) => available(page)).map(([page, label]) =>
    h('a', { href: `#/${page}`, class: page === current ? 'active' : null, 'aria-current': page === current ? 'page' : null }, label)));
}

async function show() {
  if (state.cleanup) {
    state.cleanup();
    state.cleanup = null;
  }
  const { page, id, params } = route();
  renderNav(page);
  const main = document.getElementById('main');
  if (!state.sections.length) {
    replace(main, h('h1', {}, 'Console'),
      h('p', { class: 'failure' }, 'The console reads /actuator/grpc: expose it with management.endpoints.web.exposure.include=grpc,grpcui.'));
    return;
  }
  if (!PAGES.some(([name]) => name === page) || !available(page)) {
    replace(main, h('h1', {}, 'Not here'), h('p', {}, `No page '${page}' in this application.`));
    return;
  }
  replace(main, h('p', { class: 'muted' }, 'Loading…'));
  const module = await import(`./pages/${page}.js`);
  const context = { main, id, params, hours: hours(), writes: state.writes, readOnly: state.readOnly,
    sections: state.sections };
  try {
    state.cleanup = (await module.render(context)) || null;
  } catch (error) {
    replace(main, errorBox(error));
  }
}

function renderRange() {
  const select = document.getElementById('range');
  replace(select, RANGES.map(([value, label]) => h('option', { value: String(value), selected: value === hours() }, label)));
  select.addEventListener('change', () => {
    localStorage.setItem(RANGE_KEY, select.value);
    show();
  });
}

async function start() {
  renderRange();
  // Known without a database query: the page asks /actuator/grpc only for what it shows.
  const allowed = await capabilities();
  state.sections = allowed.sections || [];
  state.readOnly = allowed.readOnly;
  state.writes = allowed.writes;
  document.body.classList.toggle('read-only', !state.writes);
  window.addEventListener('hashchange', show);
  await show();
}

start();
