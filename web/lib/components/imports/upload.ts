// Multipart uploads with progress: XMLHttpRequest reports the bytes sent (fetch cannot), carries the
// same x-csrf-token header as the api client, and fails with the same ApiError.
import { ApiError, getCsrfToken } from '$lib/api';

export interface UploadOptions {
  /** Bytes sent so far of the whole request body. */
  onUpload?: (loaded: number, total: number) => void;
  /** The body has been sent; the server is working on it. */
  onSent?: () => void;
  signal?: AbortSignal;
}

function errorOf(status: number, text: string, what: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = body.error;
    if (error && typeof error.message === 'string') {
      return new ApiError(status, typeof error.code === 'string' && error.code ? error.code : 'error', error.message, error.details);
    }
  } catch {
    // Not JSON: a proxy's page or an empty answer.
  }
  return new ApiError(status, 'http_error', `${what} answered ${status}.`);
}

export function uploadForm<T>(url: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) opts.onUpload?.(event.loaded, event.total);
    };
    xhr.upload.onload = () => opts.onSent?.();
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'bad_response', `POST ${url} did not answer JSON.`));
        }
      } else {
        reject(errorOf(xhr.status, xhr.responseText, `POST ${url}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Files the Imports page takes, by extension; anything else is declined before upload. */
export const ACCEPT = '.csv,.tsv,.txt,.xlsx,.xls';

export function isSpreadsheet(name: string): boolean {
  return /\.xlsx?$/i.test(name);
}

export function isAccepted(name: string): boolean {
  return /\.(csv|tsv|txt|xlsx|xls)$/i.test(name);
}

/** Text files above this size are previewed from their start only. */
export const PREVIEW_WHOLE_MAX = 4 * 1024 * 1024;
const PREVIEW_SAMPLE_BYTES = 2 * 1024 * 1024;

/**
 * What to send for the server's preview: the file itself, or for a large text file its first 2 MB
 * up to the last line break (the server decides encoding, delimiter and header from the start, and
 * a 200 MB upload just to look at 50 rows would keep the user waiting). Spreadsheets are zip
 * archives and go whole.
 */
export async function previewPart(file: File): Promise<Blob> {
  if (isSpreadsheet(file.name) || file.size <= PREVIEW_WHOLE_MAX) return file;
  const head = new Uint8Array(await file.slice(0, PREVIEW_SAMPLE_BYTES).arrayBuffer());
  const last = head.lastIndexOf(0x0a);
  return new Blob([last < 0 ? head : head.subarray(0, last + 1)]);
}
