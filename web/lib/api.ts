// The one way the UI talks to the server: JSON in and out, the CSRF header on writes, and every
// failure (HTTP error body, non-JSON answer, network) turned into an ApiError.

export type Fetch = typeof fetch;
type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;

/** A failed API call. `status` 0 means the server could not be reached. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The session's CSRF token (from /api/auth/me), sent as x-csrf-token on every state-changing call. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The token set above, for requests that cannot go through `api` (uploads with progress use XMLHttpRequest). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

export function buildQuery(query: Query | URLSearchParams | undefined): string {
  if (!query) return '';
  const params = query instanceof URLSearchParams ? new URLSearchParams(query) : new URLSearchParams();
  if (!(query instanceof URLSearchParams)) {
    for (const [key, value] of Object.entries(query)) {
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
      else params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query | URLSearchParams;
  body?: unknown;
  /** SvelteKit's load `fetch` where there is one. */
  fetch?: Fetch;
  signal?: AbortSignal;
}

function isErrorBody(value: unknown): value is { error: { code: string; message: string; details?: unknown } } {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const doFetch = opts.fetch ?? fetch;

  let response: Response;
  try {
    response = await doFetch(path + buildQuery(opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'The server could not be reached.');
  }

  const text = await response.text();
  let body: unknown = undefined;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(response.status, body.error.code || 'error', body.error.message, body.error.details);
    }
    throw new ApiError(response.status, 'http_error', `${method} ${path} answered ${response.status}.`);
  }
  if (text && body === undefined) {
    throw new ApiError(response.status, 'bad_response', `${method} ${path} did not answer JSON.`);
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
};
