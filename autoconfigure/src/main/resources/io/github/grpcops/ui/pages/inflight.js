// In flight: the calls running on this instance now, refreshed every two seconds.
import { get } from '../api.js';
import { count, errorBox, h, ms, replace, table, time } from '../dom.js';
import { poll } from './shared.js';

export function render({ main }) {
  const summary = h('p', { class: 'muted', id: 'inflight-total' }, 'Loading…');
  const body = h('div');
  let paused = false;
  const toggle = h('button', { type: 'button', id: 'pause', onclick: () => {
    paused = !paused;
    toggle.textContent = paused ? 'Resume' : 'Pause';
  } }, 'Pause');
  replace(main, h('h1', {}, 'Calls in flight'), h('div', { class: 'toolbar' }, toggle, summary), body);
  return poll(async () => {
    if (paused) {
      return;
    }
    try {
      const result = await get('inflight');
      summary.textContent = `${count(result.total)} running on this instance · refreshed ${new Date().toLocaleTimeString('en-GB')}`;
      replace(body, table(['Method', 'Type', h('th', { class: 'num' }, 'Running'), 'Started', h('th', { class: 'num' }, 'In'),
        h('th', { class: 'num' }, 'Out'), 'Client', 'Request id'], result.calls.map((call) => h('tr', {},
        h('td', {}, call.fullMethod), h('td', {}, call.callType), h('td', { class: 'num' }, ms(call.runningMs)),
        h('td', {}, time(call.startedAt)), h('td', { class: 'num' }, count(call.messagesIn)),
        h('td', { class: 'num' }, count(call.messagesOut)), h('td', {}, call.clientIp || call.peer || '—'),
        h('td', {}, h('code', {}, call.requestId || '—')))), { id: 'inflight' }));
    } catch (error) {
      replace(body, errorBox(error));
    }
  }, 2000);
}
