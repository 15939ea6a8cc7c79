import { describe, expect, it } from 'vitest';
import { contentDisposition, dateAsUtc, exportFilename, groupedAmount, moneyAsNumber, moneyNumberFormat } from './table.js';

describe('export cell rules', () => {
  it('money is a spreadsheet number only while its minor units fit a double exactly (2^53)', () => {
    expect(moneyAsNumber('1234.56')).toBe(1234.56);
    expect(moneyAsNumber('-0.01')).toBe(-0.01);
    expect(moneyAsNumber('90071992547409.92')).toBe(90071992547409.92); // 2^53 fen
    expect(moneyAsNumber('90071992547409.93')).toBeNull(); // 2^53 + 1 fen: stays text
    expect(moneyAsNumber('12,34')).toBeNull();
  });

  it('number formats follow the currency decimals', () => {
    expect(moneyNumberFormat('CNY')).toBe('#,##0.00');
    expect(moneyNumberFormat('JPY')).toBe('#,##0');
    expect(moneyNumberFormat('KWD')).toBe('#,##0.000');
  });

  it('groups digits without touching them', () => {
    expect(groupedAmount('-1234567.50')).toBe('-1,234,567.50');
    expect(groupedAmount('999')).toBe('999');
    expect(groupedAmount('0.00')).toBe('0.00');
  });

  it('a business date is its UTC midnight', () => {
    expect(dateAsUtc('2026-02-28')!.toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(dateAsUtc('28.02.2026')).toBeNull();
  });

  it('Content-Disposition carries the Chinese name as RFC 5987 and an ASCII fallback', () => {
    const name = exportFilename('收款', 'xlsx', '2026-11-27');
    expect(name).toBe('收款-2026-11-27.xlsx');
    expect(contentDisposition(name)).toBe(`attachment; filename="__-2026-11-27.xlsx"; filename*=UTF-8''%E6%94%B6%E6%AC%BE-2026-11-27.xlsx`);
    expect(contentDisposition(`a"b'(c).csv`)).toBe(`attachment; filename="a_b'(c).csv"; filename*=UTF-8''a%22b%27%28c%29.csv`);
    expect(exportFilename('a/b:c', 'csv', '2026-01-01')).toBe('a_b_c-2026-01-01.csv');
  });
});
