// Reads and writes /actuator/grpc relative to this file (…/grpcui/api.js → …/grpc), so the console works
// under any management base path and port.
const GRPC = new URL('../grpc', import.meta.url);

export function grpcUrl(path = '', params = {}) {
  const url = new URL(path ? GRPC.href + '/' + path.split('/').map(encodeURIComponent).join('/') : GRPC.href);
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') {
      url.searchParams.set(name, value);
    }
  });
  return url;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// Spring Security's CookieCsrfTokenRepository writes XSRF-TOKEN; a page may also carry a _csrf meta tag.
function csrfHeaders() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  if (cookie) {
    return { 'X-XSRF-TOKEN': decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) };
  }
  const meta = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  return (meta && header) ? { [header.content]: meta.content } : {};
}

async function send(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    Object.assign(headers, csrfHeaders());
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin',
    body: (body !== undefined) ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!response.ok) {
    const message = (json && json.message) ? json.message : `HTTP ${response.status} from ${url.pathname}`;
    throw new ApiError(response.status, message);
  }
  return json;
}

export const get = (path, params) => send('GET', grpcUrl(path, params));
export const post = (path, body) => send('POST', grpcUrl(path), body);
export const remove = (path) => send('DELETE', grpcUrl(path));

// What the console may offer: the sections /actuator/grpc has and whether writes are allowed.
export async function capabilities() {
  const response = await fetch(new URL('capabilities.json', import.meta.url), { credentials: 'same-origin' });
  return response.ok ? response.json() : { sections: [], readOnly: true, writes: false };
}
