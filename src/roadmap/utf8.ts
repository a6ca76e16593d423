/**
 * Strict UTF-8 decoding for roadmap sources: bytes that are not UTF-8 are a problem at their line
 * and column, never silently turned into replacement characters.
 */

export type Decoded = { text: string } | { line: number; column: number; message: string };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes`, or where the first byte that is not UTF-8 sits (1-based, columns in characters as editors count them). */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const offset = Math.min(firstInvalidByte(bytes), bytes.length - 1);
    // (lastIndexOf counts a negative start from the end, so the first line is a case of its own.)
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
    const line = 1 + countNewlines(bytes, lineStart);
    const column = 1 + strict.decode(bytes.subarray(lineStart, offset)).length;
    const hex = `0x${bytes[offset].toString(16).toUpperCase().padStart(2, '0')}`;
    return { line, column, message: `the file is not UTF-8 text: byte ${hex} here cannot be read; save the file with the UTF-8 encoding` };
  }
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) n++;
  return n;
}

/** The offset of the first byte that does not begin a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    for (let j = 1; j < length; j++) {
      const c = bytes[i + j];
      if (c < (j === 1 ? low : 0x80) || c > (j === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return bytes.length;
}
