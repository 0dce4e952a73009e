// Schema: each service's methods from reflection, its .proto source, and downloads of the .proto text and
// of a FileDescriptorSet (protoc --descriptor_set_in, buf) built from the same descriptors.
import { get } from '../api.js';
import { errorBox, h, replace, table } from '../dom.js';

export async function render({ main, sections }) {
  const schema = await get('schema');
  const invoke = sections.includes('invoke');
  replace(main, h('h1', {}, 'Schema'),
    h('p', { class: 'muted' }, `${schema.services.length} services, from the server's reflection service (reflection carries no comments).`),
    schema.services.map((service) => serviceBlock(service, invoke)));
}

function serviceBlock(service, invoke) {
  const source = h('div', { class: 'proto-source' });
  const load = async () => get(`schema/${service.name}`);
  const view = async () => {
    try {
      const file = await load();
      replace(source, h('pre', { class: 'proto' }, file.proto));
    } catch (error) {
      replace(source, errorBox(error));
    }
  };
  const download = async (binary) => {
    try {
      const file = await load();
      const base = file.file.replace(/^.*\//, '').replace(/\.proto$/, '');
      const blob = binary
        ? new Blob([Uint8Array.from(atob(file.descriptorSet), (c) => c.charCodeAt(0))], { type: 'application/octet-stream' })
        : new Blob([file.proto], { type: 'text/plain' });
      const link = h('a', { href: URL.createObjectURL(blob), download: binary ? `${base}.binpb` : `${base}.proto` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    } catch (error) {
      replace(source, errorBox(error));
    }
  };
  return h('section', { class: 'service', 'data-service': service.name },
    h('h2', {}, service.name, h('span', { class: 'muted' }, `  ${service.file}`)),
    table(['Method', 'Type', 'Request', 'Response', ''], service.methods.map((method) => h('tr', {},
      h('td', {}, method.name), h('td', {}, method.type), h('td', {}, h('code', {}, method.requestType)),
      h('td', {}, h('code', {}, method.responseType)),
      h('td', {}, invoke ? h('a', { href: `#/invoke?${new URLSearchParams({ service: service.name, method: method.name })}` }, 'Invoke') : null)))),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'view-proto', onclick: view }, 'View .proto'),
      h('button', { type: 'button', onclick: () => download(false) }, 'Download .proto'),
      h('button', { type: 'button', onclick: () => download(true) }, 'Download descriptor set (.binpb)')),
    source);
}
