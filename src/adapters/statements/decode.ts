import iconv from 'iconv-lite';
import { KxError } from '../../core/errors.js';

export type StatementEncoding = 'auto' | 'utf-8' | 'gbk';

export interface DecodedText {
  text: string;
  /** What the bytes turned out to be: 'utf-8' (with or without BOM), 'utf-16le'/'utf-16be' (BOM only) or 'gbk'. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk';
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Text of a statement file. Chinese banks and payment apps export GBK as often as UTF-8, with or without a BOM,
 * and the user rarely knows which; 'auto' takes the bytes as UTF-8 when they are valid UTF-8 (GBK text of any
 * length practically never is) and as GBK otherwise. A BOM always wins, because Excel's "Unicode text" exports
 * are UTF-16 with one. GBK is read as GB18030, its superset, so rare characters in names survive.
 *
 * Bytes that are valid in neither are refused rather than turned into U+FFFD: a payer name with replacement
 * characters would never match and would silently change the line's fingerprint.
 */
export function decodeText(bytes: Uint8Array, encoding: StatementEncoding = 'auto'): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeStrict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeStrict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (encoding === 'gbk') return { text: decodeGbk(body), encoding: 'gbk' };
  const utf8 = tryUtf8(body);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  if (encoding === 'utf-8' || body !== bytes) {
    throw invalid('The file is not valid UTF-8 text (was it exported as GBK? choose encoding "gbk" or "auto").', body);
  }
  return { text: decodeGbk(body), encoding: 'gbk' };
}

/** Encodes text as GBK (GB18030) bytes: what a Chinese bank's "download as CSV" produces. Used by tests and tools. */
export function encodeGbk(text: string): Uint8Array {
  return iconv.encode(text, 'gb18030');
}

function decodeGbk(bytes: Uint8Array): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) throw invalid('The file is neither valid UTF-8 nor valid GBK text.', bytes, lineOf(text, bad));
  checkControlCharacters(text);
  return text;
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    checkControlCharacters(text);
    return text;
  } catch (error) {
    if (error instanceof KxError) throw error;
    return undefined;
  }
}

function decodeStrict(label: 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    const text = new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
    checkControlCharacters(text);
    return text;
  } catch (error) {
    if (error instanceof KxError) throw error;
    throw invalid(`The file starts with a ${label.toUpperCase()} byte order mark but is not valid ${label.toUpperCase()}.`, bytes);
  }
}

// NUL and most C0 controls never appear in a text export; their presence means a binary file (a PDF, an .xls
// from the 1990s) was uploaded as text. SOH/ETX stay allowed: SWIFT MT940 files wrap messages in them.
// eslint-disable-next-line no-control-regex
const BINARY_CONTROLS = /[\u0000\u0004-\u0008\u000e-\u001a\u001c-\u001f]/;

function checkControlCharacters(text: string): void {
  const match = BINARY_CONTROLS.exec(text);
  if (match !== null) {
    throw new KxError('statement_encoding_invalid', `The file holds binary data (control character U+${match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}) at line ${lineOf(text, match.index)}: it is not a text export.`, {
      details: { line: lineOf(text, match.index) },
    });
  }
}

function invalid(message: string, bytes: Uint8Array, line?: number): KxError {
  return new KxError('statement_encoding_invalid', message, {
    details: { bytes: bytes.byteLength, ...(line === undefined ? {} : { line }) },
  });
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}
