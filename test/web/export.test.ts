import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../web/src/shared/csv.js';

describe('CSV export of a list', () => {
  it.each([
    ['plain text', '上海锦程贸易', '上海锦程贸易'],
    ['an amount stays a number', '-1234.56', '-1234.56'],
    ['a formula is defused', '=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['a plus sign at the start', '+1 555', "'+1 555"],
    ['an at sign at the start', '@SUM(A1)', "'@SUM(A1)"],
    ['a minus that is not a number', '-2+3', "'-2+3"],
    ['a comma is quoted', 'A, B', '"A, B"'],
    ['a line break is quoted', 'a\nb', '"a\nb"'],
    ['empty', null, ''],
  ])('%s', (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('starts with a byte-order mark so Excel reads UTF-8, and ends each row with CRLF', () => {
    const csv = toCsv([{ title: '名称', value: (r: { n: string }) => r.n }], [{ n: '客户甲' }]);
    expect(csv).toBe('\uFEFF名称\r\n客户甲\r\n');
  });
});
