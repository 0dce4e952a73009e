// Timeline: calls, errors and p95 latency per bucket of the time range, drawn with the vendored uPlot.
import { get } from '../api.js';
import { count, h, replace } from '../dom.js';
import { rangeLabel } from './shared.js';

// Minute buckets for short ranges (the endpoint allows them up to 48 hours), hours up to a week, then days.
function interval(hours) {
  if (hours <= 6) {
    return 'minute';
  }
  return hours <= 168 ? 'hour' : 'day';
}

// uPlot's minified build (50 KB against 140 KB for its ES module), loaded the first time a chart is drawn.
let loading = null;

function loadUPlot() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = new URL('../vendor/uplot/uPlot.iife.min.js', import.meta.url).href;
      script.addEventListener('load', () => resolve(window.uPlot));
      script.addEventListener('error', () => {
        loading = null;
        reject(new Error('The chart library could not be loaded'));
      });
      document.head.append(script);
    });
  }
  return loading;
}

const STEP = { minute: 60, hour: 3600, day: 86400 };

// One point per bucket of the whole range (the endpoint leaves out buckets without calls): calls and
// errors are 0 there, latency has no value.
function series(buckets, unit, hours) {
  const step = STEP[unit] || 3600;
  const end = Math.floor(Date.now() / 1000 / step) * step;
  const start = end - Math.ceil((hours * 3600) / step) * step + step;
  const byStart = new Map(buckets.map((b) => [Math.floor(Date.parse(b.start) / 1000 / step) * step, b]));
  const data = [[], [], [], []];
  for (let t = start; t <= end; t += step) {
    const bucket = byStart.get(t);
    data[0].push(t);
    data[1].push(bucket ? bucket.total : 0);
    data[2].push(bucket ? bucket.total - bucket.success : 0);
    data[3].push(bucket ? bucket.p95Ms : null);
  }
  return data;
}

export async function render({ main, hours }) {
  const [result, uPlot] = await Promise.all([get('timeline', { hours, interval: interval(hours) }), loadUPlot()]);
  const buckets = result.buckets;
  const chart = h('div', { class: 'chart', id: 'timeline-chart' });
  replace(main, h('h1', {}, 'Timeline'),
    h('p', { class: 'muted', id: 'timeline-summary' },
      `${count(buckets.reduce((sum, b) => sum + b.total, 0))} calls, ${rangeLabel(hours)}, per ${result.interval} (${buckets.length} with calls)`),
    chart);
  const data = series(buckets, result.interval, hours);
  const style = getComputedStyle(document.documentElement);
  const color = (name) => style.getPropertyValue(name).trim();
  const plot = new uPlot({
    width: Math.max(320, main.clientWidth - 20),
    height: 320,
    scales: { x: { time: true, range: () => [data[0][0], data[0][data[0].length - 1]] } },
    series: [
      {},
      { label: 'Calls', stroke: color('--accent'), width: 2 },
      { label: 'Errors', stroke: color('--bad'), width: 2 },
      { label: 'p95 ms', stroke: color('--warn'), width: 1, dash: [4, 4], scale: 'ms', spanGaps: true },
    ],
    axes: [
      { stroke: color('--muted') },
      { stroke: color('--muted'), label: 'calls' },
      { stroke: color('--muted'), side: 1, scale: 'ms', label: 'ms', grid: { show: false } },
    ],
  }, data, chart);
  chart.dataset.series = String(plot.series.length - 1);
  chart.dataset.points = String(data[0].length);
  const resize = () => plot.setSize({ width: Math.max(320, main.clientWidth - 20), height: 320 });
  window.addEventListener('resize', resize);
  return () => {
    window.removeEventListener('resize', resize);
    plot.destroy();
  };
}
