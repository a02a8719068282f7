// Fetches an Apache Arrow IPC stream from the API and decodes it. apache-arrow is imported on first
// use, so it is never part of a page's first JavaScript. Failures become ApiErrors, as in api.ts.
import { ApiError, buildQuery } from '../api';

export const ARROW_STREAM_TYPE = 'application/vnd.apache.arrow.stream';

export interface ArrowAnswer {
  table: import('apache-arrow').Table;
  headers: Headers;
}

async function errorOf(response: Response, path: string): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body?.error && typeof body.error.message === 'string') {
      return new ApiError(response.status, body.error.code || 'error', body.error.message, body.error.details);
    }
  } catch {
    // Not a JSON error body; fall through to the generic one.
  }
  return new ApiError(response.status, 'http_error', `GET ${path} answered ${response.status}.`);
}

export async function fetchArrow(path: string, query: URLSearchParams, signal?: AbortSignal): Promise<ArrowAnswer> {
  const arrow = import('apache-arrow');
  let response: Response;
  try {
    response = await fetch(path + buildQuery(query), { headers: { accept: ARROW_STREAM_TYPE }, credentials: 'same-origin', signal });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network', err instanceof Error ? err.message : 'The server could not be reached.');
  }
  if (!response.ok) throw await errorOf(response, path);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const { tableFromIPC } = await arrow;
  return { table: tableFromIPC(bytes), headers: response.headers };
}
