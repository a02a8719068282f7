// The ingest CLI through a running server: one multipart POST to /api/imports with an API token,
// answering the same import report the local import does (interface.md).
import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '../report.ts';
import type { IngestArgs } from './args.ts';

export class RemoteError extends Error {
  constructor(
    message: string,
    /** 1: the server refused the input; 3: anything else (network, token, server fault). */
    readonly exitCode: 1 | 3,
  ) {
    super(message);
  }
}

function isReport(value: unknown): value is ImportReport {
  return !!value && typeof value === 'object' && 'status' in value && 'rowsRead' in value;
}

export async function ingestRemote(args: IngestArgs & { server: string; token: string }, fetchImpl: typeof fetch = fetch): Promise<ImportReport> {
  const form = new FormData();
  // Fields before the file: the server reads them before it streams the upload.
  form.set('dataset', args.dataset);
  form.set('mode', args.mode);
  if (args.mapping) form.set('mapping', JSON.stringify(args.mapping));
  if (args.sheet !== undefined) form.set('sheet', args.sheet);
  if (args.headerRow !== undefined) form.set('headerRow', String(args.headerRow));
  if (args.encoding !== undefined) form.set('encoding', args.encoding);
  form.set('maxErrorRate', String(args.maxErrorRate));
  let blob: Blob;
  try {
    blob = await fs.openAsBlob(args.file);
  } catch {
    throw new RemoteError(`The file ${args.file} cannot be read.`, 1);
  }
  form.set('file', blob, path.basename(args.file));

  const url = `${args.server}/api/imports${args.dryRun ? '?dryRun=1' : ''}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', headers: { authorization: `Bearer ${args.token}`, accept: 'application/json' }, body: form });
  } catch (err) {
    throw new RemoteError(`Could not reach the server at ${args.server}: ${(err as Error).message}.`, 3);
  }
  const body: unknown = await response.json().catch(() => null);
  if (isReport(body)) return body;
  const error = (body as { error?: { message?: string; details?: unknown } } | null)?.error;
  if (error && isReport(error.details)) return error.details;
  const message = error?.message ?? `The server answered ${response.status} ${response.statusText}.`;
  if (response.status === 401 || response.status === 403) throw new RemoteError(`The server refused the token: ${message}`, 3);
  if (response.status === 400 || response.status === 409 || response.status === 413 || response.status === 422) throw new RemoteError(message, 1);
  throw new RemoteError(message, 3);
}
