// Small pieces several pages share.
import { h } from '../dom.js';

export function rangeLabel(hours) {
  if (hours % 24 === 0 && hours >= 48) {
    return `last ${hours / 24} days`;
  }
  return hours === 1 ? 'last hour' : `last ${hours} hours`;
}

// Makes the header cells of a table sort its rows: columns maps a header label to a row → value function.
export function sortableHeaders(columns, current, onSort) {
  return Object.entries(columns).map(([label, spec]) => {
    const sorted = current.column === label;
    return h('th', {
      class: `sortable${spec.num ? ' num' : ''}${sorted ? ` sorted-${current.direction}` : ''}`,
      'data-column': label,
      onclick: () => onSort({ column: label, direction: sorted && current.direction === 'desc' ? 'asc' : 'desc' }),
    }, label);
  });
}

export function sortRows(items, columns, current) {
  const value = columns[current.column] && columns[current.column].value;
  if (!value) {
    return items;
  }
  const sign = current.direction === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === y) {
      return 0;
    }
    if (x === null || x === undefined) {
      return 1;
    }
    if (y === null || y === undefined) {
      return -1;
    }
    return (x < y ? -1 : 1) * sign;
  });
}

export function poll(task, millis) {
  let stopped = false;
  let timer = null;
  const run = async () => {
    if (stopped) {
      return;
    }
    await task();
    if (!stopped) {
      timer = setTimeout(run, millis);
    }
  };
  run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
