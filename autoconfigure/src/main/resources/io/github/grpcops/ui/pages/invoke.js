// Invoke: call a method of this server from a form (through its whole pipeline). Service and method come
// from reflection (the schema section) with a request template; the answer shows the status, the
// responses and the google.rpc details. The permalink and "copy as buf curl" leave metadata out of the
// link (it may hold credentials) but not out of the command you copy.
import { get, post } from '../api.js';
import { badge, copy, errorBox, h, replace } from '../dom.js';

const STREAMING_REQUESTS = ['CLIENT_STREAMING', 'BIDI_STREAMING'];

export async function render({ main, params, writes, sections }) {
  const schema = sections.includes('schema') ? await get('schema') : { services: [] };
  const instance = sections.includes('instance') ? await get('instance').catch(() => null) : null;
  const services = schema.services;
  const chosen = { service: params.get('service') || (services[0] && services[0].name) || '', method: params.get('method') || '' };

  const serviceField = services.length
    ? h('select', { name: 'service' }, services.map((s) => h('option', { value: s.name, selected: s.name === chosen.service }, s.name)))
    : h('input', { name: 'service', value: chosen.service, placeholder: 'package.Service' });
  const methodField = h('select', { name: 'method' });
  const methodInput = h('input', { name: 'method', value: chosen.method, placeholder: 'Method' });
  const typeNote = h('span', { class: 'muted', id: 'method-type' });
  const request = h('textarea', { name: 'request', id: 'request', spellcheck: 'false', rows: 10 });
  const metadata = h('textarea', { name: 'metadata', id: 'metadata', spellcheck: 'false', rows: 3 }, '{}');
  const timeout = h('input', { name: 'timeout', value: params.get('timeout') || '10s', size: 6 });
  const result = h('div', { id: 'invoke-result' });
  const permalink = h('a', { id: 'permalink', href: '#/invoke' }, 'Permalink');
  const curlStatus = h('span', { class: 'muted' });

  const method = () => {
    const service = services.find((s) => s.name === serviceField.value);
    return service ? service.methods.find((m) => m.name === methodField.value) : null;
  };
  const fillMethods = () => {
    const service = services.find((s) => s.name === serviceField.value);
    replace(methodField, (service ? service.methods : []).map((m) => h('option', { value: m.name, selected: m.name === chosen.method }, m.name)));
  };
  const fillTemplate = (given) => {
    const described = method();
    typeNote.textContent = described ? `${described.type} · ${described.requestType} → ${described.responseType}` : '';
    if (given !== null && given !== undefined) {
      request.value = pretty(given);
    } else if (described) {
      request.value = STREAMING_REQUESTS.includes(described.type) ? `[\n${described.requestTemplate}\n]` : described.requestTemplate;
    }
    updateLinks();
  };
  const serviceName = () => serviceField.value.trim();
  const methodName = () => (services.length ? methodField.value : methodInput.value.trim());
  function updateLinks() {
    permalink.href = `#/invoke?${new URLSearchParams({ service: serviceName(), method: methodName(), request: compact(request.value) })}`;
  }

  if (services.length) {
    fillMethods();
    fillTemplate(params.get('request'));
    serviceField.addEventListener('change', () => { chosen.method = ''; fillMethods(); fillTemplate(); });
    methodField.addEventListener('change', () => fillTemplate());
  } else if (params.get('request')) {
    request.value = pretty(params.get('request'));
  }
  request.addEventListener('input', updateLinks);

  const form = h('form', { id: 'invoke-form' },
    h('div', { class: 'filters' }, h('label', {}, 'Service', serviceField),
      h('label', {}, 'Method', services.length ? methodField : methodInput), typeNote),
    h('div', { class: 'grid2' },
      h('label', {}, 'Request (JSON; an array of requests for client and bidi streams)', request),
      h('div', {}, h('label', {}, 'Metadata (JSON object of header names to values)', metadata),
        h('label', {}, 'Timeout', timeout))),
    h('div', { class: 'toolbar' },
      writes ? h('button', { type: 'submit', class: 'primary', id: 'invoke' }, 'Invoke') : null,
      permalink,
      h('button', { type: 'button', id: 'copy-curl', onclick: async () => {
        const command = bufCurl(instance, serviceName(), methodName(), request.value, metadata.value);
        curlStatus.textContent = (await copy(command)) ? 'Copied' : command;
      } }, 'Copy as buf curl'), curlStatus));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(result, h('p', { class: 'muted' }, 'Calling…'));
    try {
      const body = { service: serviceName(), method: methodName(), timeout: timeout.value.trim() || undefined };
      const parsed = parse(request.value, 'Request');
      const streaming = Array.isArray(parsed);
      body[streaming ? 'requests' : 'request'] = parsed;
      body.metadata = parse(metadata.value, 'Metadata') || undefined;
      replace(result, answer(await post('invoke', body)));
    } catch (error) {
      replace(result, errorBox(error));
    }
  });
  replace(main, h('h1', {}, 'Invoke'),
    writes ? null : h('p', { class: 'notice' }, 'Calls are not allowed here (read-only console or grpc endpoint): the form only builds links and buf curl commands.'),
    sections.includes('invoke') ? null : h('p', { class: 'notice' }, 'Invoke is off: grpc.actuator.invoke-enabled=true turns it on.'),
    form, result);
  updateLinks();
}

function answer(response) {
  const responses = response.responses || [];
  return h('div', {},
    h('h2', {}, 'Response'),
    h('p', {}, badge(response.code, response.code === 'OK' ? 'OK' : 'error'), ' ',
      `${responses.length} response${responses.length === 1 ? '' : 's'}`, response.truncated ? ' (cut at the maximum)' : '',
      response.requestId ? [' · request id ', h('code', {}, response.requestId)] : null),
    response.message ? h('p', { class: 'failure' }, response.message) : null,
    (response.details && Object.keys(response.details).length) ? [h('h2', {}, 'google.rpc details'), h('pre', { id: 'details' }, JSON.stringify(response.details, null, 2))] : null,
    h('pre', { id: 'responses' }, JSON.stringify(responses.length === 1 ? responses[0] : responses, null, 2)));
}

function parse(text, what) {
  if (!text.trim()) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${e.message}`);
  }
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch (e) {
    return text;
  }
}

function compact(text) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (e) {
    return text;
  }
}

const quote = (text) => `'${String(text).replace(/'/g, `'\\''`)}'`;

// buf curl speaks gRPC to the server's own port in plaintext (a TLS server needs https:// and no
// --http2-prior-knowledge); streams take their messages one after another.
function bufCurl(instance, service, method, requestText, metadataText) {
  const port = instance && instance.port > 0 ? instance.port : 50051;
  let data = compact(requestText);
  try {
    const parsed = JSON.parse(requestText);
    data = Array.isArray(parsed) ? parsed.map((m) => JSON.stringify(m)).join('\n') : JSON.stringify(parsed);
  } catch (e) {
    // sent as typed
  }
  const parts = ['buf curl --protocol grpc --http2-prior-knowledge', '--data', quote(data)];
  try {
    Object.entries(JSON.parse(metadataText || '{}')).forEach(([name, value]) => parts.push('-H', quote(`${name}: ${value}`)));
  } catch (e) {
    // metadata left out when it is not JSON
  }
  parts.push(`http://${location.hostname}:${port}/${service}/${method}`);
  return parts.join(' ');
}
