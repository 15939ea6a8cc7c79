import { describe, expect, it, vi } from 'vitest';
import { parallelMatcher } from '../src/adapters/matching/parallel.js';
import { suggestMatches, type LineToMatch, type OpenItem } from '../src/core/reconciliation/index.js';

/**
 * A large statement is matched on worker threads (src/adapters/matching/parallel.ts), its lines split by payer:
 * the suggestions must be exactly those of matching on one thread — including a payer's several transfers that
 * together pay one instalment, which only a share holding all of that payer's lines can find.
 */
describe('matching a large statement on worker threads', () => {
  it('gives exactly the suggestions of one thread', async () => {
    const items: OpenItem[] = [];
    const lines: LineToMatch[] = [];
    for (let i = 0; i < 2_000; i++) {
      const customer = `C${i % 500}`;
      items.push({ kind: 'instalment', id: `I${i}`, orderId: `O${i}`, orderNumber: `OD-2026-${String(i + 1).padStart(6, '0')}`, customerId: customer, customerName: `上海星河贸易${i % 500}号有限公司`, openMinor: BigInt(10_000 + ((i * 7919) % 900_000)), orderOpenMinor: BigInt(10_000 + ((i * 7919) % 900_000)), currency: 'CNY', dueDate: '2026-11-15' });
    }
    for (let n = 0; n < 10_400; n++) {
      const item = items[n % items.length]! as Extract<OpenItem, { kind: 'instalment' }>;
      const payer = `上海星河贸易${n % 500}号有限公司`;
      const text = n % 3 === 0 ? `货款 ${item.orderNumber}` : n % 3 === 1 ? '转账' : `REF${n}`;
      lines.push({ id: `L${n}`, bookingDate: '2026-11-20', amountMinor: n % 7 === 0 ? item.openMinor / 2n : item.openMinor, currency: 'CNY', counterpartyName: payer, counterpartyAccount: n % 5 === 0 ? `6222${n % 500}` : '', text });
    }
    const together = suggestMatches(lines, items, []);
    const warn = vi.spyOn(console, 'warn');
    const split = await parallelMatcher(2)(lines, items, []);
    expect(warn, 'the workers ran (no fallback to this thread)').not.toHaveBeenCalled();
    const plain = (m: Map<string, unknown>) => JSON.stringify([...m].sort(([a], [b]) => a.localeCompare(b)), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    expect(split.size).toBe(together.size);
    expect(plain(split)).toBe(plain(together));
    expect(together.size).toBeGreaterThan(5_000);
  });
});
