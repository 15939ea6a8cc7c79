import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ColumnMapping, detectFormat, parseStatement, validateMapping } from '../src/adapters/statements/index.js';
import { isKxError } from '../src/core/errors.js';
import { limits } from '../src/core/limits.js';

const extdata = process.env.KX_EXTDATA_DIR ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/extdata');
const csvDir = resolve(extdata, 'cn_bank_csv');
// GBK has no half-width yen sign: a GBK export writes the full-width ￥ (U+FFE5) instead.
const gbk = (text: string): Buffer => iconv.encode(text.replaceAll('¥', '￥'), 'gbk');

async function rejection(promise: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  await expect(promise).rejects.toSatisfy((error: unknown) => isKxError(error) && error.code === code && message.test(error.message));
}

describe.skipIf(!existsSync(csvDir))(`Alipay and WeChat Pay bill exports (${csvDir})`, () => {
  const alipay = readFileSync(resolve(csvDir, 'alipay_example-alipay-records.csv'), 'utf8');
  const wechat = readFileSync(resolve(csvDir, 'wechat_example-wechat-records.csv'), 'utf8');

  it.each([['UTF-8', Buffer.from(alipay)], ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(alipay)])], ['GBK', gbk(alipay)]])('Alipay as %s: completed 收入/支出 rows only, the rest skipped with their row and reason', async (_, bytes) => {
    expect(detectFormat(bytes)).toEqual({ format: 'alipay_csv' });
    const [statement] = await parseStatement(bytes);
    expect([statement?.format, statement?.accountId, statement?.currency, statement?.fromDate, statement?.toDate]).toEqual(['alipay_csv', 'xx@gmail.com', 'CNY', '2023-02-10', '2023-02-13']);
    // row, date, signed amount: 交易成功 only; trailing tabs gone from the order numbers
    expect(statement?.lines.map((l) => [l.position, l.bookingDate, l.amountMinor, l.bankRef, l.endToEndRef])).toEqual([
      [26, '2023-02-12', -4974n, '202302xxxxxx0011000103xxxxxx', '20230xxxxxxx014741014xxxxxx'],
      [30, '2023-01-18', 22222850n, '2xxxxxxxxxxxxxxxxxxxxxxxxx9', ''],
      [34, '2023-07-10', -990n, 'xxxx', 'xxxx'],
      [35, '2023-07-10', -8200n, 'xxxx', 'xxxx'],
    ]);
    expect(statement?.lines[1]).toMatchObject({ counterpartyName: 'xxxx', counterpartyAccount: 'xxx***@163.com', description: '转账' });
    const skipped = statement?.warnings.filter((w) => w.code === 'statement_row_skipped').map((w) => [w.position, w.message.replace(/^Row \d+ skipped: /, '')]);
    expect(skipped).toEqual([
      [27, 'not completed yet (等待确认收货).'],
      [28, 'refund (退款成功): the money went back to the payer.'],
      [29, 'neutral (不计收支): neither money in nor out.'],
      [31, 'closed (交易关闭): no money moved.'],
      [32, 'refund (退款成功): the money went back to the payer.'],
      [33, 'closed (交易关闭): no money moved.'],
    ]);
    // The header's totals disagree with the rows on purpose (MANIFEST).
    const totals = statement?.warnings.filter((w) => w.code === 'statement_totals_disagree').map((w) => w.details);
    expect(totals).toEqual([
      { headerCount: '66', rowCount: '10' },
      { label: '收入', headerCount: '1', headerSum: '28.50', rowCount: '1', rowSum: '222228.50' },
      { label: '支出', headerCount: '63', headerSum: '16.54', rowCount: '5', rowSum: '211.64' },
      { label: '不计收支', headerCount: '2', headerSum: '16.37', rowCount: '4', rowSum: '247.37' },
    ]);
  });

  it.each([['UTF-8', Buffer.from(wechat)], ['GBK', gbk(wechat)]])('WeChat Pay as %s: ¥ amounts, 收/支, neutral "/" rows skipped, quoted cells with commas', async (_, bytes) => {
    expect(detectFormat(bytes)).toEqual({ format: 'wechat_csv' });
    const [statement] = await parseStatement(bytes);
    expect([statement?.format, statement?.accountId, statement?.fromDate]).toEqual(['wechat_csv', '测试', '2019-08-01']);
    expect(statement?.lines.map((l) => [l.position, l.amountMinor])).toEqual([
      [18, -2816n], [19, 35n], [20, -1200n], [21, -50000n], [22, 2300n], [33, -224346n], [34, -1200n], [35, -1200n], [36, 7n], [37, 7n], [38, -3699n],
    ]);
    expect(statement?.lines[0]).toMatchObject({ counterpartyName: '云膳过桥米线(传奇广场店)', bankRef: '3985734', endToEndRef: '129847129', description: '商户消费 总共消费:28.16' });
    expect(statement?.lines[8]?.counterpartyName).toBe('打开拼多多，点击底部"多多视频"');
    expect(statement?.lines[4]?.endToEndRef).toBe(''); // "/" means none
    const skipped = statement?.warnings.filter((w) => w.code === 'statement_row_skipped');
    expect(skipped?.map((w) => w.position)).toEqual([23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 39]);
    expect(skipped?.[1]?.message).toMatch(/neutral \(\/\)/);
    // Rows 34 and 35 share 交易单号 and amount; they are two lines with two identities.
    expect(new Set(statement?.lines.map((l) => l.fingerprint)).size).toBe(11);
    expect(statement?.warnings.filter((w) => w.code === 'statement_totals_disagree').length).toBeGreaterThan(0);
  });

  it('forcing UTF-8 on the GBK download → statement_encoding_invalid; the same bytes read in auto mode', async () => {
    await rejection(parseStatement(gbk(alipay), { encoding: 'utf-8' }), 'statement_encoding_invalid', /not valid UTF-8.*gbk/);
    expect((await parseStatement(gbk(alipay), { encoding: 'gbk' }))[0]?.lines).toHaveLength(4);
  });

  it('re-importing gives the same fingerprints; in GBK or UTF-8 alike', async () => {
    const fromUtf8 = (await parseStatement(Buffer.from(alipay)))[0]?.lines.map((l) => l.fingerprint);
    const fromGbk = (await parseStatement(gbk(alipay)))[0]?.lines.map((l) => l.fingerprint);
    expect(fromGbk).toEqual(fromUtf8);
  });
});

const icbc = [
  '中国工商银行 账户历史明细',
  '账号: 6222020200001234567, 币种: 人民币',
  '',
  '交易日期,摘要,记账金额(收入),记账金额(支出),记账币种,余额,对方户名,对方账户',
  '2026-03-02,货款 SO-2026-0042,"12,000.00",,人民币,"112,000.00",上海远景贸易有限公司\t,31001234567\t',
  '2026-03-03,手续费,,¥15.00,人民币,"111,985.00",,',
  '2026-03-04,退回,,(1.00),人民币,"111,984.00",北京某某,',
].join('\r\n');

describe('bank CSV exports through presets and mappings', () => {
  it('an ICBC-style GBK export is detected, read with credit/debit columns, and its balance column gives opening and closing', async () => {
    const bytes = gbk(icbc);
    expect(detectFormat(bytes)).toEqual({ format: 'csv', preset: 'icbc' });
    const [statement] = await parseStatement(bytes);
    expect(statement?.lines.map((l) => [l.position, l.bookingDate, l.amountMinor, l.currency, l.counterpartyName, l.counterpartyAccount, l.description])).toEqual([
      [5, '2026-03-02', 1200000n, 'CNY', '上海远景贸易有限公司', '31001234567', '货款 SO-2026-0042'],
      [6, '2026-03-03', -1500n, 'CNY', '', '', '手续费'],
      [7, '2026-03-04', -100n, 'CNY', '北京某某', '', '退回'],
    ]);
    expect([statement?.openingMinor, statement?.closingMinor, statement?.warnings]).toEqual([10000000n, 11198400n, []]);
  });

  it('newest-first rows balance too; a broken balance column is a warning with the row', async () => {
    const rows = icbc.split('\r\n');
    const newestFirst = [...rows.slice(0, 4), ...rows.slice(4).reverse()].join('\n');
    expect((await parseStatement(Buffer.from(newestFirst)))[0]?.openingMinor).toBe(10000000n);
    const broken = icbc.replace('"111,985.00"', '"111,986.00"');
    const [statement] = await parseStatement(Buffer.from(broken));
    expect(statement?.openingMinor).toBeNull();
    expect(statement?.warnings).toEqual([expect.objectContaining({ code: 'statement_unbalanced', position: 6 })]);
  });

  const mapping: ColumnMapping = {
    name: 'Bank of Nowhere',
    delimiter: ';',
    columns: { bookingDate: 'Datum', amount: 'Betrag', counterpartyName: 'Name', description: ['Zweck', 'Info'] },
    dateFormat: 'DD.MM.YYYY',
    decimalSeparator: ',',
    defaultCurrency: 'EUR',
  };
  const european = 'Export 2026\nKonto DE00 1234\nDatum;Name;Betrag;Zweck;Info\n02.03.2026;"Müller; GmbH";1.234,50;RE-1;a\n03.03.2026;Shop;-0,99;;b\n';

  it('a user mapping: semicolons, preamble found without skipRows, decimal comma, joined description, quoted delimiter', async () => {
    const [statement] = await parseStatement(Buffer.from(european), { mapping });
    expect(statement?.lines.map((l) => [l.position, l.bookingDate, l.amountMinor, l.counterpartyName, l.description])).toEqual([
      [4, '2026-03-02', 123450n, 'Müller; GmbH', 'RE-1 a'],
      [5, '2026-03-03', -99n, 'Shop', 'b'],
    ]);
    expect((await parseStatement(Buffer.from(european), { mapping: { ...mapping, skipRows: 2 } }))[0]?.lines).toHaveLength(2);
    await rejection(parseStatement(Buffer.from(european), { mapping: { ...mapping, skipRows: 1 } }), 'statement_malformed', /Row 2 .* is not the header/);
  });

  it.each<[string, string, string, RegExp]>([
    ['an impossible date', '31.02.2026;X;1,00;;', 'statement_malformed', /"31\.02\.2026" is not a calendar date.*row 4/],
    ['too many decimals', '02.03.2026;X;1,001;;', 'statement_malformed', /more decimal places than EUR.*row 4/],
    ['text in the amount', '02.03.2026;X;abc;;', 'statement_malformed', /"abc" is not an amount.*row 4/],
  ])('%s → %s', async (_, row, code, message) => {
    await rejection(parseStatement(Buffer.from(`Export\nKonto\nDatum;Name;Betrag;Zweck;Info\n${row}\n`), { mapping }), code, message);
  });

  it.each<[string, string, string]>([
    ['2026-03-02', 'auto', '2026-03-02'], ['2026/3/2', 'auto', '2026-03-02'], ['20260302', 'auto', '2026-03-02'],
    ['2026-03-02 21:32:14', 'YYYY-MM-DD HH:mm:ss', '2026-03-02'], ['2026年3月2日', 'auto', '2026-03-02'],
    ['02.03.2026', 'auto', '2026-03-02'], ['03/02/2026', 'MM/DD/YYYY', '2026-03-02'], ['02/03/2026', 'DD/MM/YYYY', '2026-03-02'],
  ])('date %s read as %s → %s', async (text, dateFormat, iso) => {
    const file = `日期,金额\n${text},1.00\n`;
    const [statement] = await parseStatement(Buffer.from(file), { mapping: { columns: { bookingDate: '日期', amount: '金额' }, dateFormat: dateFormat as ColumnMapping['dateFormat'], defaultCurrency: 'CNY' } });
    expect(statement?.lines[0]?.bookingDate).toBe(iso);
  });

  it.each<[string, bigint]>([
    ['"¥1,234.50"', 123450n], ['￥-8.00', -800n], ['(1.00)', -100n], ['+2.5', 250n], ['1 000.00', 100000n], ['"12,345,678.90"', 1234567890n], ['3.00-', -300n], ['100元', 10000n],
  ])('amount %s → %s minor units', async (cell, minor) => {
    const [statement] = await parseStatement(Buffer.from(`日期,金额\n2026-03-02,${cell}\n`), { mapping: { columns: { bookingDate: '日期', amount: '金额' }, defaultCurrency: 'CNY' } });
    expect(statement?.lines[0]?.amountMinor).toBe(minor);
  });

  it('a quoted cell spanning lines keeps the next rows pointing at their own line numbers', async () => {
    const file = '日期,金额,备注\n2026-03-02,1.00,"两行\r\n备注"\n2026-03-03,x,\n';
    await rejection(parseStatement(Buffer.from(file), { mapping: { columns: { bookingDate: '日期', amount: '金额' }, defaultCurrency: 'CNY' } }), 'statement_malformed', /"x".*row 4/);
  });

  it('a direction column signs unsigned amounts; an unknown direction word is malformed', async () => {
    const m: ColumnMapping = { columns: { bookingDate: '日期', amount: '金额', direction: '借贷' }, defaultCurrency: 'CNY' };
    const [statement] = await parseStatement(Buffer.from('日期,借贷,金额\n2026-03-02,贷,5.00\n2026-03-02,借,2.00\n'), { mapping: m });
    expect(statement?.lines.map((l) => l.amountMinor)).toEqual([500n, -200n]);
    await rejection(parseStatement(Buffer.from('日期,借贷,金额\n2026-03-02,转,5.00\n'), { mapping: m }), 'statement_malformed', /"转".*direction.*row 2/);
  });

  it('XLSX: the same mapping reads a workbook; date cells and number cells; a header below a title row', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('明细');
    sheet.addRow(['招商银行 交易明细']);
    sheet.addRow(['交易日', '借方金额', '贷方金额', '余额', '收/付方名称', '摘要']);
    sheet.addRow([new Date(Date.UTC(2026, 2, 2)), null, 8800.5, 18800.5, '杭州某某科技有限公司', '货款']);
    sheet.addRow(['2026-03-03', { formula: '0.1+0.2', result: 0.30000000000000004 }, null, 18800.2, '', '费用']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(detectFormat(bytes)).toEqual({ format: 'xlsx' });
    const [statement] = await parseStatement(bytes);
    expect(statement?.format).toBe('xlsx');
    expect(statement?.lines.map((l) => [l.position, l.bookingDate, l.amountMinor, l.counterpartyName])).toEqual([
      [3, '2026-03-02', 880050n, '杭州某某科技有限公司'],
      [4, '2026-03-03', -30n, ''],
    ]);
    expect([statement?.openingMinor, statement?.closingMinor]).toEqual([1000000n, 1880020n]);
  });
});

describe('files that are not statements', () => {
  it.each<[string, Uint8Array, string, RegExp]>([
    ['an empty file', new Uint8Array(0), 'statement_empty', /empty/],
    ['only blank lines', Buffer.from('\r\n\n  \n'), 'statement_empty', /empty/],
    ['neither UTF-8 nor GBK', Buffer.from([0x61, 0xff, 0xff, 0xff, 0x0a]), 'statement_encoding_invalid', /neither valid UTF-8 nor valid GBK/],
    ['a binary file', Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]), 'statement_encoding_invalid', /binary data/],
    ['an unknown CSV without mapping', Buffer.from('a,b\n1,2\n'), 'statement_format_unknown', /choose a column mapping/],
    ['a header without rows', Buffer.from('日期,金额\n'), 'statement_empty', /no transaction rows/],
    ['an XLSX that is a broken zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'statement_malformed', /not a readable XLSX/],
  ])('%s → %s', async (_, bytes, code, message) => {
    const mapping = code === 'statement_format_unknown' || _.includes('XLSX') || _.includes('empty') || _.includes('blank') ? undefined : { columns: { bookingDate: '日期', amount: '金额' }, defaultCurrency: 'CNY' };
    await rejection(parseStatement(bytes, mapping === undefined ? {} : { mapping }), code, message);
  });

  it('more bytes than statementBytesMax → statement_too_large before anything is decoded', async () => {
    await rejection(parseStatement(new Uint8Array(limits.statementBytesMax + 1)), 'statement_too_large', /at most/);
  });

  it(`more than ${limits.statementLinesMax.toLocaleString('en')} rows → statement_too_large`, async () => {
    const file = `日期,金额\n${'2026-03-02,1.00\n'.repeat(limits.statementLinesMax + 1)}`;
    await rejection(parseStatement(Buffer.from(file), { mapping: { columns: { bookingDate: '日期', amount: '金额' }, defaultCurrency: 'CNY' } }), 'statement_too_large', /more than 200,000 lines/);
  });

  it('thousands of skipped rows give a bounded list of warnings plus a count', async () => {
    const file = `日期,金额\n${'2026-03-02,0.00\n'.repeat(1_000)}2026-03-02,1.00\n`;
    const [statement] = await parseStatement(Buffer.from(file), { mapping: { columns: { bookingDate: '日期', amount: '金额' }, defaultCurrency: 'CNY' } });
    expect(statement?.lines).toHaveLength(1);
    expect(statement?.warnings).toHaveLength(limits.statementRowWarningsMax + 1);
    expect(statement?.warnings.at(-1)?.details).toEqual({ count: String(1_000 - limits.statementRowWarningsMax) });
  });
});

describe('validateMapping', () => {
  it('accepts a preset alone, and a full mapping', () => {
    expect(validateMapping({ preset: 'alipay', columns: {} }).preset).toBe('alipay');
    expect(validateMapping({ name: 'ICBC', encoding: 'gbk', skipRows: 3, delimiter: ',', columns: { bookingDate: '交易日期', credit: '收入金额', debit: '支出金额' }, dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY' }).skipRows).toBe(3);
  });

  it('lists every problem with its field', () => {
    let fields: string[] = [];
    try {
      validateMapping({ preset: 'hsbc', skipRows: -1, delimiter: 'x', defaultCurrency: 'RMB', columns: { amount: 'A', credit: 'C', payer: 'P' }, colour: 'red' });
    } catch (error) {
      expect(isKxError(error, 'mapping_invalid')).toBe(true);
      fields = isKxError(error) ? error.fields.map((f) => f.field) : [];
    }
    expect(fields.sort()).toEqual(['colour', 'columns.payer', 'defaultCurrency', 'delimiter', 'preset', 'skipRows'].sort());
    expect(() => validateMapping({ columns: { amount: 'A' } })).toThrow(/columns.bookingDate is required/);
    expect(() => validateMapping({ columns: { bookingDate: 'D', credit: 'C' } })).toThrow(/columns.debit is required/);
    expect(() => validateMapping({ columns: { bookingDate: 'D', amount: 'A', debit: 'X' } })).toThrow(/either one signed amount column/);
    expect(() => validateMapping('nope')).toThrow(/must be an object/);
  });
});
