import type { StatementFormat } from '../../core/statements/statement.js';
import { type PresetId, detectPreset } from './presets.js';

export interface StatementDetection {
  format: StatementFormat;
  /** For CSV files that match a payment-app or bank export: the column layout to read them with. */
  preset?: PresetId;
}

const HEAD_BYTES = 64 * 1024;

/**
 * What a statement file is, from its first bytes (and its name for XLSX): CAMT.053 XML, SWIFT MT940/MT942, an
 * XLSX workbook, or a CSV export we know (Alipay, WeChat Pay, Chinese banks). null when it is none of these:
 * then only a column mapping chosen by the user can read it.
 */
export function detectFormat(bytes: Uint8Array, filename?: string): StatementDetection | null {
  if (isZip(bytes)) return { format: 'xlsx' };
  if (filename !== undefined && /\.xlsx$/i.test(filename)) return { format: 'xlsx' };
  const head = headText(bytes);
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('<')) {
    return /camt\.053|<(?:\w+:)?BkToCstmrStmt[\s>]/.test(head) ? { format: 'camt053' } : null;
  }
  if (/(?:^|\n|\{4:\s*\r?\n?)\s*:20:/.test(head) && /(?:^|\n):(?:25|28C?|60[FM]|61):/.test(head)) {
    return { format: /(?:^|\n):(?:60[FM]|62[FM]):/.test(head) ? 'mt940' : 'mt942' };
  }
  const preset = detectPreset(head);
  if (preset === undefined) return null;
  return preset.id === 'alipay' || preset.id === 'wechat' ? { format: preset.format } : { format: 'csv', preset: preset.id };
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The first bytes as text, leniently: UTF-8 when they read as UTF-8, else GBK, for sniffing only. */
function headText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, HEAD_BYTES);
  try {
    // stream: true leaves a character cut at the 64 KiB boundary out instead of failing on it.
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return new TextDecoder('gb18030').decode(head);
  }
}
