/**
 * A multipart/form-data body (RFC 7578) as a request writes it under `multipart:` (text fields and
 * files, each file with its field name, file name, Content-Type and content), encoded to the bytes a
 * browser's form would send. Pure.
 */
import { randomBytes } from 'crypto';
import { fill, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import type { Parser } from '../parser';
import { describeContent, makeContent, parseContent, type ContentSpec } from './content';

export interface FilePart {
  field: string;
  filename: string;
  type: string;
  content: ContentSpec;
}

export interface MultipartSpec {
  fields: Record<string, string>;
  files: FilePart[];
}

/** Reads `owner[key]`: { fields: { name: text }, files: [{ field, filename, type, content }] }. */
export function parseMultipart(p: Parser, owner: Fields, key: string, what: string): MultipartSpec | undefined {
  const value = p.mapping(owner, key, what, ['fields', 'files'], 'add fields and/or files');
  if (!value) return undefined;
  const at = `'${key}' of ${what}`;
  const fields = p.textMapping(value, 'fields', at);
  const files: FilePart[] = [];
  let ok = fields !== undefined;
  for (const [file, i] of p.mappings(p.list(value, 'files', at, 'files') ?? [], 'a file must be a mapping with field, filename, type and content')) {
    const fileAt = `file ${i + 1} of ${at}`;
    p.knownKeys(file, ['field', 'filename', 'type', 'content'], fileAt);
    const field = p.string(file, 'field', fileAt, 'add the form field name, such as file');
    const filename = p.string(file, 'filename', fileAt, 'add the file name the form sends, such as photo.png');
    const type = p.string(file, 'type', fileAt, 'add the part\'s Content-Type, such as image/png');
    const content = parseContent(p, file, 'content', fileAt);
    for (const [name, text] of [['filename', filename], ['type', type], ['field', field]] as const) {
      if (text !== undefined && /["\r\n]/.test(text)) p.fail(file, name, `'${name}' of ${fileAt} may not hold quotes or line breaks`);
    }
    if (field === undefined || filename === undefined || type === undefined || !content) ok = false;
    else files.push({ field, filename, type, content });
  }
  if (!ok) return undefined;
  if (!files.length && !Object.keys(fields!).length) return p.fail(value, undefined, `${at} sends nothing: add fields or files`);
  return { fields: fields!, files };
}

export interface EncodedForm {
  body: Buffer;
  contentType: string;
  /** The form in words: "file=photo.png (image/png, 4096 bytes starting 89 50 ...)". */
  label: string;
  /** curl's -F arguments for the same form (files as @name, to be made by hand). */
  curl: string[];
}

/** The encoded body; throws TemplateError for an unknown variable. */
export function encodeMultipart(spec: MultipartSpec, vars: Vars): EncodedForm {
  const boundary = `----roadmap${randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  const label: string[] = [];
  const curl: string[] = [];
  for (const [name, raw] of Object.entries(spec.fields)) {
    const value = fill(raw, vars);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, 'utf8'));
    label.push(`${name}=${JSON.stringify(value)}`);
    curl.push('-F', `${name}=${value}`);
  }
  for (const file of spec.files) {
    const filename = fill(file.filename, vars);
    const bytes = makeContent(file.content, vars);
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${filename}"\r\nContent-Type: ${file.type}\r\n\r\n`, 'utf8'), bytes, Buffer.from('\r\n'));
    label.push(`${file.field}=${filename} (${file.type}, ${describeContent(file.content, vars)})`);
    curl.push('-F', `${file.field}=@${filename};type=${file.type}`);
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}`, label: `multipart/form-data: ${label.join(', ')}`, curl };
}
