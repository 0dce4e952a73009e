// Timeline: calls, errors and p95 latency per bucket of the time range, drawn with the vendored uPlot.
import { get } from '../api.js';
import { count, h, replace } from '../dom.js';
import uPlot from '../vendor/uplot/uPlot.esm.js';
import { rangeLabel } from './shared.js';

// Minute buckets for short ranges (the endpoint allows them up to 48 hours), hours up to a week, then days.
function interval(hours) {
  if (hours <= 6) {
    return 'minute';
  }
  return hours <= 168 ? 'hour' : 'day';
}

export async function render({ main, hours }) {
  const result = await get('timeline', { hours, interval: interval(hours) });
  const buckets = result.buckets;
  const chart = h('div', { class: 'chart', id: 'timeline-chart' });
  replace(main, h('h1', {}, 'Timeline'),
    h('p', { class: 'muted', id: 'timeline-summary' },
      `${count(buckets.reduce((sum, b) => sum + b.total, 0))} calls in ${buckets.length} ${result.interval} buckets, ${rangeLabel(hours)}`),
    chart);
  const data = [
    buckets.map((b) => Date.parse(b.start) / 1000),
    buckets.map((b) => b.total),
    buckets.map((b) => b.total - b.success),
    buckets.map((b) => b.p95Ms),
  ];
  const style = getComputedStyle(document.documentElement);
  const color = (name) => style.getPropertyValue(name).trim();
  const plot = new uPlot({
    width: Math.max(320, main.clientWidth - 20),
    height: 320,
    series: [
      {},
      { label: 'Calls', stroke: color('--accent'), width: 2, points: { show: buckets.length < 60 } },
      { label: 'Errors', stroke: color('--bad'), width: 2, points: { show: buckets.length < 60 } },
      { label: 'p95 ms', stroke: color('--warn'), width: 1, dash: [4, 4], scale: 'ms' },
    ],
    axes: [
      { stroke: color('--muted') },
      { stroke: color('--muted'), label: 'calls' },
      { stroke: color('--muted'), side: 1, scale: 'ms', label: 'ms', grid: { show: false } },
    ],
  }, data, chart);
  chart.dataset.series = String(plot.series.length - 1);
  chart.dataset.points = String(buckets.length);
  const resize = () => plot.setSize({ width: Math.max(320, main.clientWidth - 20), height: 320 });
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plot.destroy();
  };
}
