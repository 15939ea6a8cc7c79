import { isKxError, type ErrorCode } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { isCurrency, parseAmountMinor } from '../../core/money/index.js';
import { parseRate } from '../../core/receivables/index.js';
import type { ImportRowError } from '../schema.js';
import type { ColumnSpec } from './columns.js';
import type { FileRow } from './read.js';

/**
 * Every problem found in a file, per row and column, with the header as the file writes it. A cell check
 * that fails records its problem and answers undefined, so one pass finds all the problems of a row.
 */
export class RowIssues {
  private readonly byRow = new Map<number, ImportRowError[]>();

  constructor(private readonly headerOf: Record<string, string>) {}

  add(row: number, key: string, code: ErrorCode, message: string): undefined {
    const list = this.byRow.get(row) ?? [];
    list.push({ row, column: key === '' ? '' : (this.headerOf[key] ?? key), code, message });
    this.byRow.set(row, list);
    return undefined;
  }

  has(row: number): boolean {
    return this.byRow.has(row);
  }

  of(row: number): ImportRowError[] {
    return this.byRow.get(row) ?? [];
  }
}

// eslint-disable-next-line no-control-regex -- NUL is what PostgreSQL cannot store
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Reads the cells of one row against the column specs; each getter records a problem and answers undefined. */
export class RowReader {
  constructor(private readonly file: FileRow, private readonly specs: readonly ColumnSpec[], private readonly issues: RowIssues) {}

  get row(): number {
    return this.file.row;
  }

  private spec(key: string): ColumnSpec {
    const spec = this.specs.find((s) => s.key === key);
    if (!spec) throw new Error(`no column ${key}`);
    return spec;
  }

  /** The cell's text ('' when blank); a required blank cell, an over-long or unstorable one is a problem (undefined). */
  text(key: string, required = this.spec(key).required): string | undefined {
    const spec = this.spec(key);
    const value = this.file.cells[key] ?? '';
    if (value === '') return required ? this.issues.add(this.row, key, 'validation_failed', 'required: this cell is empty') : '';
    if (value.length > spec.maxChars) return this.issues.add(this.row, key, 'validation_failed', `at most ${spec.maxChars} characters (this has ${value.length})`);
    if (unstorable.test(value)) return this.issues.add(this.row, key, 'validation_failed', 'contains a NUL character or an unpaired surrogate');
    return value;
  }

  /** A business date: YYYY-MM-DD, YYYY/M/D or YYYY-M-D (an Excel date cell arrives as YYYY-MM-DD); '' when blank and optional. */
  date(key: string, required?: boolean): string | undefined {
    const value = this.text(key, required);
    if (!value) return value;
    const match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(value);
    const iso = match ? `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}` : '';
    if (!match || !isBusinessDate(iso)) return this.issues.add(this.row, key, 'invalid_date', `"${value}" is not a real date (write YYYY-MM-DD, e.g. 2026-02-28)`);
    return iso;
  }

  currency(key: string): string | undefined {
    const value = this.text(key)?.toUpperCase();
    if (!value) return value;
    if (!isCurrency(value)) return this.issues.add(this.row, key, 'unknown_currency', `"${value}" is not an ISO 4217 currency code`);
    return value;
  }

  /**
   * An amount in major units → minor units, exactly: thousands commas are allowed, more decimals than the
   * currency has are refused (never rounded). Without a known currency there is nothing to judge it against.
   */
  amount(key: string, currency: string | undefined, required?: boolean): bigint | undefined | null {
    const value = this.text(key, required);
    if (value === undefined) return undefined;
    if (value === '') return null;
    if (currency === undefined) return undefined;
    const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value) ? value.replaceAll(',', '') : value;
    try {
      return parseAmountMinor(plain, currency);
    } catch (error) {
      if (!isKxError(error)) throw error;
      return this.issues.add(this.row, key, error.code, error.message);
    }
  }

  rate(key: string): string | undefined {
    const value = this.text(key);
    if (!value) return value;
    try {
      parseRate(value, key);
      return value;
    } catch (error) {
      if (!isKxError(error)) throw error;
      return this.issues.add(this.row, key, error.code, error.message);
    }
  }

  /** 是/否, yes/no, y/n, true/false, 1/0; blank is the given default. */
  yesNo(key: string, fallback: boolean): boolean | undefined {
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (value === '') return fallback;
    const v = value.toLowerCase();
    if (['是', 'yes', 'y', 'true', '1', '确认'].includes(v)) return true;
    if (['否', 'no', 'n', 'false', '0'].includes(v)) return false;
    return this.issues.add(this.row, key, 'validation_failed', `"${value}" is neither 是/yes nor 否/no`);
  }

  choice(key: string, fallback?: string): string | undefined {
    const spec = this.spec(key);
    const value = this.text(key);
    if (value === undefined) return undefined;
    if (value === '') return fallback;
    const chosen = spec.choices?.[value] ?? spec.choices?.[value.toLowerCase()];
    if (chosen === undefined) {
      const allowed = [...new Set(Object.values(spec.choices ?? {}))].join(', ');
      return this.issues.add(this.row, key, 'validation_failed', `"${value}" is not one of ${allowed}`);
    }
    return chosen;
  }
}
