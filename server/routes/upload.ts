// Receives a multipart upload: text fields (before or after the file, in any order) and one file,
// streamed to a per-request temp folder. The uploaded name is only a display name, never a path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, badRequest } from '../errors.ts';

export interface ReceivedFile {
  /** Where the upload was written (inside `dir`). */
  path: string;
  /** The uploaded file's base name, for reports and history only. */
  displayName: string;
  bytes: number;
}

export interface Upload {
  /** Text fields by name; a JSON-typed field keeps its parsed value. */
  fields: Record<string, unknown>;
  file: ReceivedFile | null;
  /** The request's own temp folder; remove() deletes it with everything in it. */
  dir: string;
  remove(): Promise<void>;
}

export interface UploadOptions {
  /** Field names the route takes besides the file; any other is a 400 naming it. */
  fields: readonly string[];
  /** The form field that carries the file. */
  fileField: string;
  /** The cap, for the 413 message (the multipart plugin enforces it with limits.fileSize). */
  maxBytes: number;
}

const MB = 1024 * 1024;

export function tooLarge(maxBytes: number): AppError {
  const cap = maxBytes >= MB ? `${Math.round((maxBytes / MB) * 10) / 10} MB` : `${maxBytes} bytes`;
  return new AppError(413, 'file_too_large', `The file is larger than the upload limit of ${cap} (ATTAIN_UPLOAD_MAX_MB); split it or import it with npm run ingest.`);
}

/** The uploaded name reduced to a harmless base name (either slash counts as a separator). */
export function displayNameOf(raw: string | undefined): string {
  const base = path.posix.basename((raw ?? '').replaceAll('\\', '/'));
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

/** A short, safe extension taken from the display name, so readers that look at it still can. */
function safeExtension(name: string): string {
  const ext = path.extname(name).toLowerCase();
  return /^\.[a-z0-9]{1,8}$/.test(ext) ? ext : '';
}

/** Maps the multipart plugin's own errors to answers that say what to do. */
function translate(err: unknown, opts: UploadOptions): unknown {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(opts.maxBytes);
    case 'FST_FILES_LIMIT':
      return badRequest(`Send exactly one file, in the field "${opts.fileField}".`);
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return badRequest(`Too many form fields: this upload takes ${opts.fields.join(', ')} and the field "${opts.fileField}".`);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(415, 'unsupported_media_type', `Send the file as multipart/form-data in the field "${opts.fileField}".`);
    case 'FST_PROTO_VIOLATION':
      return badRequest('The form has a field name that is not allowed.');
    default:
      return err;
  }
}

export async function receiveUpload(request: FastifyRequest, opts: UploadOptions): Promise<Upload> {
  if (!request.isMultipart()) throw translate({ code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' }, opts);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'attain-upload-'));
  const upload: Upload = {
    fields: {},
    file: null,
    dir,
    remove: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
  const allowed = new Set(opts.fields);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== opts.fileField) {
          part.file.resume();
          throw badRequest(`Unknown file field "${part.fieldname}": send the file in the field "${opts.fileField}".`);
        }
        const displayName = displayNameOf(part.filename);
        // The temp name never comes from the upload: only a checked extension does.
        const target = path.join(dir, `upload${safeExtension(displayName)}`);
        await pipeline(part.file, fs.createWriteStream(target, { flags: 'wx' }));
        if (part.file.truncated) throw tooLarge(opts.maxBytes);
        upload.file = { path: target, displayName, bytes: part.file.bytesRead };
        continue;
      }
      if (!allowed.has(part.fieldname)) {
        throw badRequest(`Unknown field "${part.fieldname}": this upload takes ${opts.fields.join(', ')} and the field "${opts.fileField}".`);
      }
      if (Object.hasOwn(upload.fields, part.fieldname)) throw badRequest(`The field "${part.fieldname}" was sent more than once.`);
      if (part.valueTruncated) throw badRequest(`The field "${part.fieldname}" is too long.`);
      upload.fields[part.fieldname] = part.value;
    }
    return upload;
  } catch (err) {
    await upload.remove().catch(() => undefined);
    throw translate(err, opts);
  }
}
