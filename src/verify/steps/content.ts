/**
 * File content as a check file writes it, for a multipart upload and for the bytes a followed URL
 * must return: text or base64 bytes, optionally padded with a filler to an exact size, so a check can
 * send "a PNG of exactly 4096 bytes" (the PNG signature, then filler) without a fixture file. Pure.
 */
import { fill, type Vars } from '../match';
import type { Fields } from '../../roadmap/fields';
import { wholeNumber, type Parser } from '../parser';

export interface ContentSpec {
  /** The first bytes, as UTF-8 text (may use {{variables}}). */
  text?: string;
  /** The first bytes, base64. */
  base64?: string;
  /** The exact length: the bytes above, then `fill` repeated up to it. */
  size?: number;
  /** The filler text; default "x". */
  fill?: string;
}

/** A limit that keeps check files and the runner's memory small. */
export const MAX_CONTENT_BYTES = 8 * 1024 * 1024;

/** Reads the content at `owner[key]`. */
export function parseContent(p: Parser, owner: Fields, key: string, what: string): ContentSpec | undefined {
  const value = p.mapping(owner, key, what, ['text', 'base64', 'size', 'fill'], 'add { text: "..." } or { base64: "...", size: 4096 }');
  if (!value) return undefined;
  const at = `'${key}' of ${what}`;
  const out: ContentSpec = {};
  if (value.text !== undefined && value.base64 !== undefined) p.fail(value, undefined, `${at} takes text or base64, not both`);
  if (value.text !== undefined) {
    if (typeof value.text === 'string') out.text = value.text;
    else p.fail(value, 'text', `'text' of ${at} must be text`);
  }
  if (value.base64 !== undefined) {
    if (typeof value.base64 === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(value.base64) && value.base64.length % 4 === 0) out.base64 = value.base64;
    else p.fail(value, 'base64', `'base64' of ${at} must be base64 text (A-Z, a-z, 0-9, + and /, padded with = to a multiple of 4)`);
  }
  out.size = p.number(value, 'size', at, wholeNumber(0, MAX_CONTENT_BYTES));
  out.fill = p.string(value, 'fill', at);
  if (value.fill !== undefined && value.size === undefined) p.fail(value, 'fill', `'fill' of ${at} pads up to 'size': add a size or leave fill out`);
  if (out.text === undefined && out.base64 === undefined && out.size === undefined) p.fail(value, undefined, `${at} needs text, base64 or size`);
  if (out.base64 !== undefined && out.size !== undefined && Buffer.from(out.base64, 'base64').length > out.size) p.fail(value, 'size', `${at} is longer than its size ${out.size}`);
  return out;
}

/** The bytes; throws TemplateError for an unknown variable in `text`, Error when the text outgrows `size`. */
export function makeContent(spec: ContentSpec, vars: Vars): Buffer {
  const head = spec.text !== undefined ? Buffer.from(fill(spec.text, vars), 'utf8') : Buffer.from(spec.base64 ?? '', 'base64');
  if (spec.size === undefined) return head;
  if (head.length > spec.size) throw new Error(`the content's first bytes (${head.length}) are longer than its size ${spec.size}`);
  const out = Buffer.alloc(spec.size, spec.fill ?? 'x', 'utf8');
  head.copy(out);
  return out;
}

/** "4096 bytes starting 89 50 4e 47 0d 0a 1a 0a" or "the text "hello"". */
export function describeContent(spec: ContentSpec, vars: Vars): string {
  try {
    const bytes = makeContent(spec, vars);
    if (spec.text !== undefined && spec.size === undefined) return `the text ${JSON.stringify(bytes.toString('utf8').slice(0, 60))}`;
    const head = bytes.subarray(0, 8).toString('hex').replace(/(..)(?!$)/g, '$1 ');
    return `${bytes.length} bytes${bytes.length ? ` starting ${head}` : ''}`;
  } catch {
    return `${spec.size ?? 'some'} bytes`;
  }
}

/** Where `got` differs from `want`, in words; undefined when they are the same bytes. */
export function compareBytes(got: Buffer, want: Buffer): string | undefined {
  if (got.equals(want)) return undefined;
  const n = Math.min(got.length, want.length);
  let i = 0;
  while (i < n && got[i] === want[i]) i++;
  if (i === n) return `${got.length} bytes, expected ${want.length} (the same up to byte ${n})`;
  return `${got.length} bytes that differ from the expected ${want.length} at byte ${i} (0x${got[i].toString(16).padStart(2, '0')}, expected 0x${want[i].toString(16).padStart(2, '0')})`;
}
