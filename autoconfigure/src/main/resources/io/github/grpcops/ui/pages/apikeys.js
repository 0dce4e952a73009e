// API keys: the list (masked), create (the secret is shown once, with a copy button) and revoke with a
// confirmation. Create and revoke appear only when writes are allowed.
import { get, post, remove } from '../api.js';
import { badge, copy, count, errorBox, h, replace, table, time } from '../dom.js';

export async function render(context) {
  const { main, writes } = context;
  const result = await get('apikeys');
  const created = h('div', { id: 'created-key' });
  const rows = result.keys.map((key) => h('tr', { 'data-key': key.id },
    h('td', {}, count(key.id)), h('td', {}, key.name), h('td', {}, key.type), h('td', {}, key.owner || '—'),
    h('td', {}, h('code', {}, key.prefix)), h('td', {}, badge(key.active ? 'active' : 'revoked')),
    h('td', { class: 'num' }, count(key.requestCount)), h('td', {}, time(key.lastUsedAt)), h('td', {}, time(key.expiresAt)),
    h('td', {}, time(key.createdAt)),
    h('td', {}, (writes && key.active) ? h('button', {
      type: 'button', class: 'danger revoke', onclick: () => revoke(context, key),
    }, 'Revoke') : null)));
  replace(main, h('h1', {}, 'API keys'), writes ? createForm(context, created) : null, created,
    table(['Id', 'Name', 'Type', 'Owner', 'Prefix', 'State', h('th', { class: 'num' }, 'Calls'), 'Last used', 'Expires',
      'Created', ''], rows, { id: 'apikeys' }));
}

function createForm(context, created) {
  const form = h('form', { class: 'filters', id: 'create-key' },
    h('label', {}, 'Name', h('input', { name: 'name', required: true })),
    h('label', {}, 'Description', h('input', { name: 'description' })),
    h('label', {}, 'Type', h('select', { name: 'type' }, ['service', 'user'].map((t) => h('option', { value: t }, t)))),
    h('label', {}, 'Owner (principal id)', h('input', { name: 'owner' })),
    h('label', {}, 'Expires at', h('input', { name: 'expiresAt', type: 'datetime-local' })),
    h('button', { type: 'submit', class: 'primary' }, 'Create key'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = Object.fromEntries(['name', 'description', 'type', 'owner'].map((n) => [n, data.get(n) || undefined]));
    if (data.get('expiresAt')) {
      body.expiresAt = new Date(data.get('expiresAt')).toISOString();
    }
    try {
      const key = await post('apikeys', body);
      await render(context);
      showSecret(document.getElementById('created-key'), key);
    } catch (error) {
      replace(created, errorBox(error));
    }
  });
  return form;
}

function showSecret(target, key) {
  const field = h('input', { id: 'secret', readonly: true, value: key.secret, 'aria-label': 'Secret' });
  const status = h('span', { class: 'muted' });
  replace(target, h('div', { class: 'notice' },
    h('p', {}, h('strong', {}, `Key ${key.name} created. `), key.notice),
    h('div', { class: 'secret' }, field, h('button', {
      type: 'button', id: 'copy-secret',
      onclick: async () => { status.textContent = (await copy(key.secret, field)) ? 'Copied' : 'Select and copy it'; },
    }, 'Copy'), status)));
}

async function revoke(context, key) {
  if (!window.confirm(`Revoke key ${key.id} (${key.name})? Calls with it will be refused.`)) {
    return;
  }
  try {
    await remove(`apikeys/${key.id}`);
    await render(context);
  } catch (error) {
    context.main.prepend(errorBox(error));
  }
}
