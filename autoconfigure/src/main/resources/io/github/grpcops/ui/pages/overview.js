// Overview: the figures of the time range, what runs now, the fleet and the request-log writer.
import { get } from '../api.js';
import { badge, card, count, h, ms, percent, replace, table } from '../dom.js';
import { rangeLabel } from './shared.js';

export async function render({ main, hours }) {
  const overview = await get('', { hours });
  const requests = overview.requests || null;
  const stats = requests && requests.statistics;
  const writer = requests && requests.writer;
  const servers = overview.servers;
  const cards = [];
  if (stats && stats.unavailable) {
    cards.push(h('p', { class: 'failure' }, stats.unavailable));
  } else if (stats) {
    cards.push(card('Calls', count(stats.total), rangeLabel(hours)),
      card('Success rate', percent(stats.successRate), `${count(stats.error)} errors, ${count(stats.timeout)} timeouts`),
      card('p50', ms(stats.p50Ms)), card('p95', ms(stats.p95Ms)), card('p99', ms(stats.p99Ms)));
  }
  if (overview.inflight) {
    cards.push(card('In flight', count(overview.inflight.total), 'on this instance'));
  }
  if (servers && servers.unavailable) {
    cards.push(h('p', { class: 'failure' }, servers.unavailable));
  } else if (servers) {
    cards.push(card('Servers running', count((servers.liveness || {}).running || 0), `${count(servers.total)} known`));
  }
  if (overview.apikeys) {
    cards.push(card('Active API keys', count(overview.apikeys.active)));
  }
  const sections = [h('h1', {}, 'Overview'), h('div', { class: 'cards', id: 'overview-cards' }, cards)];
  if (writer) {
    sections.push(h('h2', {}, 'Request-log writer'),
      h('div', { class: 'cards', id: 'writer' },
        card('Written', count(writer.written)), card('Queued', count(writer.queued)),
        card('Dropped', count(writer.dropped),
          `${count(writer.droppedQueueFull)} queue full, ${count(writer.droppedRejected)} rejected, ${count(writer.droppedAtShutdown)} at shutdown`),
        card('Failed batches', count(writer.failedBatches))));
  }
  if (Array.isArray(overview.services)) {
    sections.push(h('h2', {}, `Services (${rangeLabel(hours)})`), table(
      ['Service', h('th', { class: 'num' }, 'Calls'), h('th', { class: 'num' }, 'Success'), h('th', { class: 'num' }, 'p95'), 'Last call'],
      overview.services.map((service) => h('tr', {},
        h('td', {}, h('a', { href: `#/services?service=${encodeURIComponent(service.service)}` }, service.service)),
        h('td', { class: 'num' }, count(service.total)), h('td', { class: 'num' }, percent(service.successRate)),
        h('td', { class: 'num' }, ms(service.p95Ms)), h('td', {}, service.lastCallAt ? new Date(service.lastCallAt).toLocaleString('en-GB') : '—')))));
  }
  if (overview.instance) {
    const self = overview.instance;
    sections.push(h('h2', {}, 'This instance'), h('p', {}, badge(self.status), ' ', self.instanceId || ''));
  }
  replace(main, sections);
}
