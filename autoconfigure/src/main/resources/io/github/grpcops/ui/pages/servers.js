// Servers: every instance sharing the database, with its liveness, heartbeat age, uptime and services.
import { get } from '../api.js';
import { badge, count, duration, h, replace, table, time } from '../dom.js';

export async function render({ main }) {
  const result = await get('servers');
  const now = Date.now();
  const rows = result.servers.map((server) => {
    const running = !server.stoppedAt && server.startedAt;
    const uptime = running ? (now - Date.parse(server.startedAt)) / 1000 : null;
    const services = server.services || [];
    return h('tr', { 'data-instance': server.instanceId },
      h('td', {}, h('code', {}, server.instanceId)), h('td', {}, badge(server.liveness)), h('td', {}, server.status),
      h('td', {}, `${server.address || server.host}:${server.port}`), h('td', {}, count(server.pid)),
      h('td', { class: 'num' }, duration(server.heartbeatAgeSeconds)), h('td', { class: 'num' }, duration(uptime)),
      h('td', {}, time(server.startedAt)),
      h('td', {}, h('details', {}, h('summary', {}, `${services.length} services`),
        h('ul', {}, services.map((service) => h('li', {}, service.name,
          h('span', { class: 'muted' }, ` (${(service.methods || []).length} methods)`)))))),
      h('td', {}, server.errorMessage || ''));
  });
  replace(main, h('h1', {}, 'Servers'),
    h('p', { class: 'muted' }, `${count(result.total)} instances; a heartbeat older than ${duration(result.staleAfterSeconds)} means unreachable.`),
    table(['Instance', 'Liveness', 'Status', 'Address', 'PID', h('th', { class: 'num' }, 'Heartbeat age'),
      h('th', { class: 'num' }, 'Uptime'), 'Started', 'Services', 'Error'], rows, { id: 'servers' }));
}
