import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKxError } from '../errors.js';
import { suggestMatches, type MatchOptions } from './match.js';
import { aliasKey } from './names.js';
import type { LineToMatch, MatchSuggestion, OpenInstalment, OpenItem, OpenReceipt, PayerAlias } from './types.js';

// A small book: customers, their open instalments and recorded receipts (CNY unless said).
const customers = {
  huaxin: '北京华信科技有限公司',
  zhang: '张三',
  acme: 'Acme Trading Co., Ltd.',
  hongda: '上海宏达贸易有限公司',
} as const;
type Who = keyof typeof customers;

function instalment(id: string, who: Who, orderNumber: string, openMinor: bigint, dueDate: string, extra: Partial<OpenInstalment> = {}): OpenInstalment {
  return {
    kind: 'instalment', id, orderId: `o-${orderNumber}`, orderNumber, customerId: who, customerName: customers[who],
    openMinor, orderOpenMinor: openMinor, currency: 'CNY', dueDate, ...extra,
  };
}
function receipt(id: string, who: Who, number: string, amountMinor: bigint, date: string, extra: Partial<OpenReceipt> = {}): OpenReceipt {
  return {
    kind: 'receipt', id, number, customerId: who, customerName: customers[who], amountMinor, currency: 'CNY', date,
    payerName: customers[who], payerAccount: '', externalRef: '', ...extra,
  };
}
let lineSeq = 0;
function line(amountMinor: bigint, bookingDate: string, extra: Partial<LineToMatch> = {}): LineToMatch {
  lineSeq++;
  return { id: `L${lineSeq}`, bookingDate, amountMinor, currency: 'CNY', counterpartyName: '', counterpartyAccount: '', text: '', ...extra };
}
function best(lines: LineToMatch[], items: OpenItem[], aliases: PayerAlias[] = [], options: Partial<MatchOptions> = {}, of = lines[0]!): MatchSuggestion | undefined {
  return suggestMatches(lines, items, aliases, options).get(of.id)?.[0];
}
const kinds = (s: MatchSuggestion | undefined) => s?.signals.map((x) => x.kind) ?? [];
const weightOf = (s: MatchSuggestion | undefined, kind: string) => s?.signals.find((x) => x.kind === kind)?.weight ?? 0;
const ids = (s: MatchSuggestion | undefined) => s?.items.map((i) => `${i.id}:${i.amountMinor}`) ?? [];

describe('reference signal', () => {
  const items = [instalment('i1', 'huaxin', 'OD-2026-000123', 1_000_00n, '2026-03-01'), instalment('i2', 'hongda', 'OD-2026-000124', 1_000_00n, '2026-03-01')];

  it.each([['货款 OD-2026-000123'], ['货款ＯＤ－２０２６－０００１２３'], ['od2026000123'], ['OD-2026-123']])('fires for %s, naming the number', (text) => {
    const s = best([line(1_000_00n, '2026-03-02', { text })], items);
    expect(s?.items.map((i) => i.id)).toEqual(['i1']);
    expect(s?.signals[0]).toEqual({ kind: 'reference', weight: 50, detail: 'order number OD-2026-000123 in the line text' });
    expect(s?.score).toBe(50 + 30 + 5);
  });

  it('stays silent when the text names nothing of ours', () => {
    const all = suggestMatches([line(1_000_00n, '2026-03-02', { text: '货款 INV-2026-000123' })], items, []).get(`L${lineSeq}`)!;
    expect(all.flatMap(kinds)).not.toContain('reference');
  });

  it('a receipt whose external reference is the line\'s bank reference', () => {
    const items2 = [receipt('r1', 'acme', 'RC-2026-000045', 999_00n, '2026-03-02', { externalRef: 'ALI 2026 XYZ' }), receipt('r2', 'hongda', 'RC-2026-000046', 999_00n, '2026-03-02')];
    const s = best([line(999_00n, '2026-03-02', { bankRef: 'ali2026xyz', text: 'ali2026xyz' })], items2);
    expect(s?.items.map((i) => i.id)).toEqual(['r1']);
    expect(s?.signals[0]?.detail).toBe('the line reference ALI2026XYZ equals the external reference of receipt RC-2026-000045');
  });

  it('a named order paid in part: the line is applied oldest instalment first', () => {
    const plan = [
      instalment('p2', 'huaxin', 'OD-2026-000200', 2_000_00n, '2026-04-01', { orderOpenMinor: 3_000_00n }),
      instalment('p1', 'huaxin', 'OD-2026-000200', 1_000_00n, '2026-03-01', { orderOpenMinor: 3_000_00n }),
    ];
    const s = best([line(1_500_00n, '2026-03-01', { text: 'OD-2026-000200' })], plan);
    expect(ids(s)).toEqual(['p1:100000', 'p2:50000']);
    // No date points: the second instalment is due 31 days after the booking, outside the 30-day window.
    expect(kinds(s)).toEqual(['reference', 'amount_partial']);
    expect(s?.signals[1]?.detail).toBe('pays 1500.00 of 3000.00 CNY open on order OD-2026-000200 (2 open instalments)');
  });
});

describe('amount signal', () => {
  const items = [instalment('i1', 'huaxin', 'OD-2026-000001', 1_234_56n, '2026-03-01')];

  it('fires when the amount is exact to the fen, with the figures', () => {
    const s = best([line(1_234_56n, '2026-03-01')], items);
    expect(s?.signals[0]).toEqual({ kind: 'amount_exact', weight: 30, detail: 'amount 1234.56 CNY equals the open amount of the instalment of order OD-2026-000001 due 2026-03-01' });
  });

  it('stays silent one fen off', () => {
    expect(best([line(1_234_55n, '2026-03-01')], items)).toBeUndefined();
  });

  it('an amount many open items share says less, and says how many', () => {
    const same = Array.from({ length: 4 }, (_, i) => instalment(`s${i}`, 'hongda', `OD-2026-00010${i}`, 500_00n, '2026-03-01'));
    const s = best([line(500_00n, '2026-03-01')], same);
    expect(weightOf(s, 'amount_exact')).toBe(30 - 5 * 2);
    expect(s?.signals[0]?.detail).toContain('(4 open items in the window have this amount)');
  });

  it('the whole order when the line pays all its instalments', () => {
    const plan = [
      instalment('a', 'zhang', 'OD-2026-000300', 600_00n, '2026-03-01', { orderOpenMinor: 1_000_00n }),
      instalment('b', 'zhang', 'OD-2026-000300', 400_00n, '2026-04-01', { orderOpenMinor: 1_000_00n }),
    ];
    const s = best([line(1_000_00n, '2026-03-01')], plan);
    expect(ids(s)).toEqual(['a:60000', 'b:40000']);
    expect(s?.signals[0]?.detail).toContain('order OD-2026-000300 (2 open instalments)');
  });
});

describe('one line for several items, several lines for one item', () => {
  it('one payment for two instalments of one customer, found through the payer', () => {
    const items = [
      instalment('z1', 'zhang', 'OD-2026-000010', 500_00n, '2026-03-01'),
      instalment('z2', 'zhang', 'OD-2026-000011', 700_00n, '2026-03-05'),
      instalment('z3', 'zhang', 'OD-2026-000012', 900_00n, '2026-03-09'),
      instalment('h1', 'hongda', 'OD-2026-000013', 700_00n, '2026-03-05'),
    ];
    const s = best([line(1_200_00n, '2026-03-04', { counterpartyName: 'Zhang San' })], items);
    expect(s?.customerId).toBe('zhang');
    expect(ids(s).sort()).toEqual(['z1:50000', 'z2:70000']);
    expect(kinds(s)).toEqual(['amount_sum', 'payer_name', 'date']);
    expect(s?.signals[0]?.detail).toMatch(/^700\.00 \+ 500\.00 = 1200\.00 CNY, the line's amount/);
  });

  it('one payment naming two orders', () => {
    const items = [instalment('a', 'hongda', 'OD-2026-000021', 300_00n, '2026-03-01'), instalment('b', 'hongda', 'OD-2026-000022', 450_00n, '2026-03-02')];
    const s = best([line(750_00n, '2026-03-02', { text: 'OD-2026-21 OD-2026-22' })], items);
    expect(ids(s).sort()).toEqual(['a:30000', 'b:45000']);
    expect(kinds(s).slice(0, 2)).toEqual(['reference', 'amount_sum']);
  });

  it('one receipt paid in two transfers from the same account', () => {
    const items = [receipt('r1', 'acme', 'RC-2026-000050', 1_000_00n, '2026-03-01', { payerAccount: '6222 1111' })];
    const l1 = line(300_00n, '2026-03-01', { counterpartyName: 'ACME TRADING', counterpartyAccount: '62221111' });
    const l2 = line(700_00n, '2026-03-03', { counterpartyName: 'ACME TRADING', counterpartyAccount: '62221111' });
    const result = suggestMatches([l1, l2], items, []);
    const s = result.get(l1.id)?.[0];
    expect(s?.lineIds).toEqual([l1.id, l2.id]);
    expect(ids(s)).toEqual(['r1:100000']);
    expect(s?.signals[0]?.detail).toBe('2 lines 300.00 + 700.00 = 1000.00 CNY, the amount of receipt RC-2026-000050');
    expect(result.get(l2.id)?.[0]).toEqual(s);
  });

  it('lines of different payers are not summed', () => {
    const items = [receipt('r1', 'acme', 'RC-2026-000050', 1_000_00n, '2026-03-01')];
    const l1 = line(300_00n, '2026-03-01', { counterpartyName: 'ACME TRADING' });
    const l2 = line(700_00n, '2026-03-01', { counterpartyName: '上海宏达贸易' });
    expect(suggestMatches([l1, l2], items, []).get(l1.id) ?? []).not.toContainEqual(expect.objectContaining({ lineIds: [l1.id, l2.id] }));
  });
});

describe('payer signal', () => {
  const items = [instalment('i1', 'zhang', 'OD-2026-000001', 800_00n, '2026-03-01'), instalment('i2', 'huaxin', 'OD-2026-000002', 800_00n, '2026-03-01')];

  it.each<[string, Partial<LineToMatch>, string, number]>([
    ['Chinese name as printed', { counterpartyName: '张三' }, 'zhang', 12],
    ['the same name in pinyin', { counterpartyName: 'ZHANG SAN' }, 'zhang', 12],
    ['a company without its legal suffix', { counterpartyName: '北京华信科技' }, 'huaxin', 12],
    ['a bank\'s short form of a company', { counterpartyName: '华信科技' }, 'huaxin', 9],
  ])('name: %s picks the right customer', (_, who, customerId, weight) => {
    const s = best([line(800_00n, '2026-03-01', who)], items);
    expect(s?.customerId).toBe(customerId);
    expect(weightOf(s, 'payer_name')).toBe(weight);
  });

  it('stays silent for a stranger', () => {
    const all = suggestMatches([line(800_00n, '2026-03-01', { counterpartyName: '王五' })], items, []).get(`L${lineSeq}`)!;
    expect(all.flatMap(kinds)).not.toContain('payer_name');
  });

  it('a learned alias is the strongest payer signal, then the account, then the name', () => {
    const withAccount = [...items, receipt('r9', 'zhang', 'RC-2026-000009', 1n, '2026-01-01', { payerAccount: '6222-0000' })];
    const alias = [{ key: aliasKey('张三', '6222 0000')!, customerId: 'zhang' }];
    const l = () => line(800_00n, '2026-03-01', { counterpartyName: '张三', counterpartyAccount: '62220000' });
    expect(kinds(best([l()], withAccount, alias))).toContain('payer_alias');
    expect(weightOf(best([l()], withAccount, alias), 'payer_alias')).toBe(15);
    expect(weightOf(best([l()], withAccount), 'payer_account')).toBe(12);
    expect(best([l()], withAccount)?.signals.find((x) => x.kind === 'payer_account')?.detail).toBe('payer account 62220000 paid receipt RC-2026-000009 of customer 张三');
  });

  it('a name-only alias (no account on the line) is found too', () => {
    const alias = [{ key: aliasKey('老张', '')!, customerId: 'zhang' }];
    const s = best([line(800_00n, '2026-03-01', { counterpartyName: '老张' })], items, alias);
    expect(s?.customerId).toBe('zhang');
    expect(s?.signals.find((x) => x.kind === 'payer_alias')?.detail).toBe('payer "老张" was confirmed before as customer 张三');
  });

  it('a known payer with an amount that fits nothing: its oldest instalments, as a partial payment', () => {
    const plan = [instalment('z2', 'zhang', 'OD-2026-000031', 500_00n, '2026-03-10'), instalment('z1', 'zhang', 'OD-2026-000030', 500_00n, '2026-03-01')];
    const s = best([line(600_00n, '2026-03-01', { counterpartyName: '张三' })], plan);
    expect(ids(s)).toEqual(['z1:50000', 'z2:10000']);
    expect(kinds(s)).toEqual(['amount_partial', 'payer_name', 'date']);
    expect(s?.score).toBe(5 + 12 + 4);
  });
});

describe('date signal', () => {
  it('closer is better; outside the window an amount alone is no candidate', () => {
    const items = [instalment('near', 'hongda', 'OD-2026-000001', 100_00n, '2026-03-03'), instalment('far', 'huaxin', 'OD-2026-000002', 100_00n, '2026-03-20')];
    const all = suggestMatches([line(100_00n, '2026-03-02')], items, [], { dateWindowDays: 30 }).get(`L${lineSeq}`)!;
    expect(all.map((s) => s.items[0]!.id)).toEqual(['near', 'far']);
    expect(all[0]!.signals.find((x) => x.kind === 'date')?.detail).toBe('booked 2026-03-02, 1 day before the due date 2026-03-03');
    expect(suggestMatches([line(100_00n, '2026-03-02')], items, [], { dateWindowDays: 10 }).get(`L${lineSeq}`)!.map((s) => s.items[0]!.id)).toEqual(['near']);
  });

  it('a named item outside the window is still found, without date points', () => {
    const s = best([line(100_00n, '2026-09-01', { text: 'OD-2026-000001' })], [instalment('i', 'hongda', 'OD-2026-000001', 100_00n, '2026-03-01')]);
    expect(kinds(s)).toEqual(['reference', 'amount_exact']);
  });
});

describe('currency is a gate', () => {
  it('a USD line matches no CNY item, even named and of the same amount', () => {
    const items = [instalment('i1', 'acme', 'OD-2026-000001', 100_00n, '2026-03-01')];
    expect(suggestMatches([line(100_00n, '2026-03-01', { currency: 'USD', text: 'OD-2026-000001', counterpartyName: 'Acme Trading' })], items, []).size).toBe(0);
  });
});

describe('ranking', () => {
  it('reference + amount > amount + payer > amount only > payer only', () => {
    const items = [instalment('i1', 'huaxin', 'OD-2026-000001', 2_000_00n, '2026-03-01'), instalment('i2', 'zhang', 'OD-2026-000002', 3_000_00n, '2026-03-01')];
    const score = (l: LineToMatch) => best([l], items)?.score ?? 0;
    const refAmount = score(line(2_000_00n, '2026-03-01', { text: 'OD-2026-000001' }));
    const amountPayer = score(line(2_000_00n, '2026-03-01', { counterpartyName: '北京华信科技' }));
    const amountOnly = score(line(2_000_00n, '2026-03-01'));
    const payerOnly = score(line(1_000_00n, '2026-03-01', { counterpartyName: '北京华信科技' }));
    expect([refAmount, amountPayer, amountOnly, payerOnly]).toEqual([85, 47, 35, 22]);
  });

  it('ties are broken by id, whatever order the items come in', () => {
    const items = ['b', 'c', 'a'].map((id) => instalment(id, 'hongda', `OD-2026-00000${id.charCodeAt(0) - 96}`, 100_00n, '2026-03-01'));
    fc.assert(fc.property(fc.shuffledSubarray(items, { minLength: 3, maxLength: 3 }), (shuffled) => {
      const l = line(100_00n, '2026-03-01');
      expect(suggestMatches([l], shuffled, [], { maxSuggestionsPerLine: 3 }).get(l.id)!.map((s) => s.items[0]!.id)).toEqual(['a', 'b', 'c']);
    }));
  });

  it('every score is the sum of its signals\' weights, within 0–100, best first', () => {
    const items = [instalment('i1', 'huaxin', 'OD-2026-000001', 2_000_00n, '2026-03-01'), receipt('r1', 'acme', 'RC-2026-000001', 2_000_00n, '2026-03-02', { externalRef: 'REF-77777' })];
    const lines = [line(2_000_00n, '2026-03-01', { text: 'OD-2026-000001 REF-77777', counterpartyName: 'Acme Trading' }), line(2_000_00n, '2026-03-04')];
    for (const suggestions of suggestMatches(lines, items, [], { minScore: 0, maxSuggestionsPerLine: 20 }).values()) {
      for (const s of suggestions) {
        expect(s.score).toBe(s.signals.reduce((t, x) => t + x.weight, 0));
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(100);
      }
      expect(suggestions.map((s) => s.score)).toEqual([...suggestions.map((s) => s.score)].sort((a, b) => b - a));
    }
  });
});

describe('bad input', () => {
  it.each<[Partial<MatchOptions>]>([[{ dateWindowDays: -1 }], [{ dateWindowDays: 1000 }], [{ minScore: 101 }], [{ maxSuggestionsPerLine: 0 }], [{ nameSimilarityMin: 0 }]])('options %o → validation_failed', (options) => {
    expect(() => suggestMatches([], [], [], options)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('a line date that is no date → invalid_date; money out and zero lines are skipped', () => {
    let caught: unknown;
    try {
      suggestMatches([line(1n, '2026-13-45')], [], []);
    } catch (e) {
      caught = e;
    }
    expect(isKxError(caught, 'invalid_date')).toBe(true);
    expect(suggestMatches([line(-100_00n, '2026-03-01'), line(0n, '2026-03-01')], [instalment('i', 'zhang', 'OD-2026-000001', 100_00n, '2026-03-01')], []).size).toBe(0);
  });
});
