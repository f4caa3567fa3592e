// How a file's bytes become the text the engine reads, and back, without changing a byte we did not edit.
import { isUtf8 } from 'node:buffer';

/**
 * `utf8`: valid UTF-8 (a BOM stays in the text as U+FEFF). `bytes`: not valid UTF-8; every byte of
 * 0x80 and above is read as one private-use character (U+E080..U+E0FF), so that offsets are byte
 * offsets, ASCII (all JavaScript syntax) reads as Node reads it, a stray byte is no letter or space
 * (as Node's U+FFFD is not), and writing back restores each byte exactly. `utf16`: has a UTF-16 BOM;
 * read to report its probes, never written.
 */
export type SourceEncoding = 'utf8' | 'bytes' | 'utf16';

export interface DecodedSource {
  readonly text: string;
  readonly encoding: SourceEncoding;
}

const HIGH_BYTE_BASE = 0xe000;

export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

export function decodeSource(bytes: Buffer): DecodedSource {
  if (hasUtf16Bom(bytes)) {
    const littleEndian = bytes[0] === 0xff;
    const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
    const text = (littleEndian ? even : Buffer.from(even).swap16()).toString('utf16le');
    return { text, encoding: 'utf16' };
  }
  if (isUtf8(bytes)) return { text: bytes.toString('utf8'), encoding: 'utf8' };
  let text = '';
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (byte) => (byte < 0x80 ? byte : HIGH_BYTE_BASE + byte));
    text += String.fromCharCode(...codes);
  }
  return { text, encoding: 'bytes' };
}

/** The bytes to write for `text` read as `encoding`; undefined when they cannot keep the file's encoding. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer | undefined {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf16') return undefined;
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes[i] = code;
    else if (code >= HIGH_BYTE_BASE + 0x80 && code <= HIGH_BYTE_BASE + 0xff) bytes[i] = code - HIGH_BYTE_BASE;
    else return undefined;
  }
  return bytes;
}

/** Why a file read as `encoding` is not rewritten, or undefined when it may be. */
export function encodingSkipReason(encoding: SourceEncoding, importSource: string): string | undefined {
  if (encoding === 'utf16') return 'UTF-16 file (byte order mark): not rewritten, convert it to UTF-8 first';
  // In a file that is not UTF-8, the text we add must be ASCII: no encoding of it would be right.
  if (encoding === 'bytes' && !/^[\x20-\x7e]*$/.test(importSource)) return 'not UTF-8 (and the import source is not ASCII)';
  return undefined;
}
