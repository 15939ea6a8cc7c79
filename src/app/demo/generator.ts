import { cashAccountCode, type ReceiptChannel } from '../../core/ledger/chart.js';
import type { EntryDraft, LineDraft } from '../../core/ledger/entry.js';
import { allocate } from '../../core/money/index.js';
import { dateOf, weekdayOf, type DayNumber } from './calendar.js';
import { gatewayFee, makePlan, paymentsFor, sampleOrderAmount, wholeMajor, type Instalment, type Payment } from './plan.js';
import type { Rng } from './rng.js';
import { cnyChannelWeights, usdChannelWeights, type DemoCurrency, type DemoCustomer, type DemoProduct, type DemoWorld } from './world.js';

export type DemoEntryKind = 'order' | 'prepayment' | 'application' | 'receipt' | 'refund_approved' | 'refund_paid';
export const demoEntryKinds: readonly DemoEntryKind[] = ['order', 'prepayment', 'application', 'receipt', 'refund_approved', 'refund_paid'];

export interface DemoEntry {
  readonly kind: DemoEntryKind;
  readonly draft: EntryDraft;
}

export interface DemoOrder {
  readonly number: string;
  readonly customer: DemoCustomer;
  readonly currency: DemoCurrency;
  readonly day: DayNumber;
  readonly amountMinor: bigint;
  readonly instalments: readonly Instalment[];
}

/** One order with everything that happened to it up to the as-of date. */
export interface OrderBundle {
  readonly order: DemoOrder;
  readonly entries: readonly DemoEntry[];
}

export interface GeneratorOptions {
  /** Orders are dated firstDay…asOf inclusive; nothing is dated after asOf. */
  readonly firstDay: DayNumber;
  readonly asOf: DayNumber;
  readonly orderCount: number;
  /** Receipts (prepayments included: both bring a customer's cash in) stop here; later instalments stay open. */
  readonly receiptsMax: number;
}

/**
 * Orders per day from firstDay to lastDay, `total` in all: fewer at weekends, more at month end, a growing
 * business. Cumulative rounding makes the counts add up exactly without a random draw.
 */
export function* ordersPerDay(firstDay: DayNumber, lastDay: DayNumber, total: number): Generator<[DayNumber, number]> {
  const weights: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const weekday = weekdayOf(day);
    const weekendFactor = weekday === 0 ? 0.1 : weekday === 6 ? 0.25 : 1;
    const monthEnd = Number(dateOf(day + 3).slice(8, 10)) <= 3 ? 1.5 : 1;
    weights.push(weekendFactor * monthEnd * (0.7 + (0.6 * (day - firstDay)) / Math.max(1, lastDay - firstDay)));
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let emitted = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += weights[i]!;
    const upTo = i === weights.length - 1 ? total : Math.round((total * cumulative) / sum);
    if (upTo > emitted) yield [firstDay + i, upTo - emitted];
    emitted = Math.max(emitted, upTo);
  }
}

/**
 * Streams the demo ledger one order at a time: the order, its prepayment, receipts and refunds. Memory stays
 * flat however many orders there are, because nothing but counters outlives a yielded bundle.
 */
export class DemoLedgerGenerator {
  private receiptsLeft: number;
  private readonly sequences = new Map<string, number>();

  constructor(private readonly world: DemoWorld, private readonly rng: Rng, private readonly options: GeneratorOptions) {
    this.receiptsLeft = options.receiptsMax;
  }

  *bundles(): Generator<OrderBundle> {
    for (const [day, count] of ordersPerDay(this.options.firstDay, this.options.asOf, this.options.orderCount)) {
      for (let i = 0; i < count; i++) yield this.order(day);
    }
  }

  private order(day: DayNumber): OrderBundle {
    const { world, rng } = this;
    const customer = world.customers[world.customerPicker.pick(rng)]!;
    const amountMinor = sampleOrderAmount(rng, customer.currency, customer.sizeFactor);
    const order: DemoOrder = {
      number: this.nextNumber('SO', day),
      customer,
      currency: customer.currency,
      day,
      amountMinor,
      instalments: makePlan(rng, day, amountMinor),
    };
    const entries: DemoEntry[] = [];
    const prepaid = this.prepay(order, entries);
    entries.push({ kind: 'order', draft: this.orderEntry(order) });
    if (prepaid) this.applyPrepayment(order, entries);
    let last: { day: DayNumber; channel: ReceiptChannel } | undefined;
    order.instalments.forEach((inst, index) => {
      last = this.settle(order, inst, index, entries) ?? last;
    });
    if (last && rng.chance(0.025)) this.returnRefund(order, last, entries);
    return { order, entries };
  }

  private nextNumber(prefix: string, day: DayNumber): string {
    const year = dateOf(day).slice(0, 4);
    const key = `${prefix}-${year}`;
    const n = (this.sequences.get(key) ?? 0) + 1;
    this.sequences.set(key, n);
    return `${key}-${String(n).padStart(6, '0')}`;
  }

  /** Customer-side dimensions (sub-ledger lines); cash and fee lines get the channel instead of the customer. */
  private customerLine(order: DemoOrder, account: string, side: 'debit' | 'credit', amount: bigint, extra: Partial<LineDraft> = {}): LineDraft {
    const { customer } = order;
    return { account, side, amount, currency: order.currency, customerId: customer.id, ownerId: customer.owner.id, departmentId: customer.owner.department.id, ...extra };
  }

  private cashLine(order: DemoOrder, side: 'debit' | 'credit', amount: bigint, channel: ReceiptChannel, account = cashAccountCode(channel)): LineDraft {
    const { customer } = order;
    return { account, side, amount, currency: order.currency, ownerId: customer.owner.id, departmentId: customer.owner.department.id, channel };
  }

  private draft(day: DayNumber, memo: string, lines: LineDraft[]): EntryDraft {
    return { entryDate: dateOf(day), memo, source: 'demo', lines };
  }

  /** Dr accounts_receivable / Cr sales, one sales line per product so sales can be analysed by product. */
  private orderEntry(order: DemoOrder): EntryDraft {
    const products = this.pickProducts();
    const parts = allocate(order.amountMinor, products.map(() => BigInt(this.rng.int(1, 10))));
    const productId = products.length === 1 ? products[0]!.id : null;
    const lines = [this.customerLine(order, 'accounts_receivable', 'debit', order.amountMinor, { productId })];
    products.forEach((product, i) => {
      if (parts[i]! > 0n) lines.push(this.customerLine(order, 'sales', 'credit', parts[i]!, { productId: product.id, memo: product.name }));
    });
    return this.draft(order.day, `销售订单 ${order.number} · ${order.customer.name}`, lines);
  }

  private pickProducts(): DemoProduct[] {
    const count = Number(this.rng.weighted({ 1: 60, 2: 30, 3: 10 }));
    const picked = new Set<DemoProduct>();
    while (picked.size < count) picked.add(this.world.products[this.world.productPicker.pick(this.rng)]!);
    return [...picked];
  }

  private channelFor(customer: DemoCustomer): ReceiptChannel {
    if (this.rng.chance(0.8)) return customer.channel;
    return this.rng.weighted(customer.currency === 'USD' ? usdChannelWeights : cnyChannelWeights);
  }

  private takeReceipt(): boolean {
    if (this.receiptsLeft <= 0) return false;
    this.receiptsLeft--;
    return true;
  }

  /** Dr cash (net of the gateway's fee) and Dr gateway_fees / Cr the customer's account for the gross amount. */
  private receiptLines(order: DemoOrder, payment: Payment, channel: ReceiptChannel, creditAccount: string): LineDraft[] {
    const fee = gatewayFee(payment.amountMinor, channel);
    const lines = [this.cashLine(order, 'debit', payment.amountMinor - fee, channel)];
    if (fee > 0n) lines.push(this.cashLine(order, 'debit', fee, channel, 'gateway_fees'));
    lines.push(this.customerLine(order, creditAccount, 'credit', payment.amountMinor));
    return lines;
  }

  /** Some customers pay the first instalment before the order is confirmed, a few of them too much. */
  private prepay(order: DemoOrder, entries: DemoEntry[]): boolean {
    const { rng } = this;
    if (!rng.chance(0.15)) return false;
    const day = order.day - rng.int(1, 10);
    const first = order.instalments[0]!.amountMinor;
    const extra = rng.chance(0.12) ? wholeMajor((first * BigInt(rng.int(5, 30))) / 100n, order.currency) : 0n;
    const channel = this.channelFor(order.customer);
    if (!this.takeReceipt()) return false;
    const number = this.nextNumber('RC', day);
    const lines = this.receiptLines(order, { day, amountMinor: first + extra }, channel, 'customer_advances');
    entries.push({ kind: 'prepayment', draft: this.draft(day, `预收款 ${number} · ${order.customer.name} · ${order.number}`, lines) });
    if (extra > 0n && rng.chance(0.6)) {
      this.refund(order, { day: order.day + rng.int(5, 30), amountMinor: extra }, 'customer_advances', channel, entries);
    }
    return true;
  }

  /** The prepayment pays the first instalment when the order is confirmed: Dr customer_advances / Cr receivable. */
  private applyPrepayment(order: DemoOrder, entries: DemoEntry[]): void {
    const first = order.instalments[0]!;
    const lines = [
      this.customerLine(order, 'customer_advances', 'debit', first.amountMinor),
      this.customerLine(order, 'accounts_receivable', 'credit', first.amountMinor),
    ];
    entries.push({ kind: 'application', draft: this.draft(order.day, `预收款冲抵 ${order.number} 第1/${order.instalments.length}期`, lines) });
    first.paidMinor = first.amountMinor;
  }

  /** Posts the receipts this customer makes against one instalment up to the as-of date. */
  private settle(order: DemoOrder, inst: Instalment, index: number, entries: DemoEntry[]): { day: DayNumber; channel: ReceiptChannel } | undefined {
    let last: { day: DayNumber; channel: ReceiptChannel } | undefined;
    for (const payment of paymentsFor(this.rng, order.customer.profile, inst, order.day, order.currency)) {
      const channel = this.channelFor(order.customer);
      if (payment.day > this.options.asOf || !this.takeReceipt()) break;
      const number = this.nextNumber('RC', payment.day);
      const memo = `回款 ${number} · ${order.customer.name} · ${order.number} 第${index + 1}/${order.instalments.length}期`;
      entries.push({ kind: 'receipt', draft: this.draft(payment.day, memo, this.receiptLines(order, payment, channel, 'accounts_receivable')) });
      inst.paidMinor += payment.amountMinor;
      last = { day: payment.day, channel };
    }
    return last;
  }

  /** Goods sent back after payment: part of what was paid is refunded, through the channel it came by. */
  private returnRefund(order: DemoOrder, last: { day: DayNumber; channel: ReceiptChannel }, entries: DemoEntry[]): void {
    const paid = order.instalments.reduce((sum, inst) => sum + inst.paidMinor, 0n);
    const amountMinor = wholeMajor((paid * BigInt(this.rng.int(10, 100))) / 100n, order.currency);
    if (amountMinor <= 0n) return;
    this.refund(order, { day: last.day + this.rng.int(3, 45), amountMinor }, 'sales_returns', last.channel, entries);
  }

  /** Approved: Dr `from` / Cr refunds_payable; paid a few days later: Dr refunds_payable / Cr cash. */
  private refund(order: DemoOrder, approved: Payment, from: string, channel: ReceiptChannel, entries: DemoEntry[]): void {
    const paidDay = approved.day + this.rng.int(1, 14);
    if (approved.day > this.options.asOf) return;
    const number = this.nextNumber('RF', approved.day);
    const reason = from === 'sales_returns' ? '销售退回' : '预收款退还';
    entries.push({
      kind: 'refund_approved',
      draft: this.draft(approved.day, `退款审批 ${number} · ${reason} · ${order.customer.name} · ${order.number}`, [
        this.customerLine(order, from, 'debit', approved.amountMinor),
        this.customerLine(order, 'refunds_payable', 'credit', approved.amountMinor),
      ]),
    });
    if (paidDay > this.options.asOf) return;
    entries.push({
      kind: 'refund_paid',
      draft: this.draft(paidDay, `退款支付 ${number} · ${order.customer.name}`, [
        this.customerLine(order, 'refunds_payable', 'debit', approved.amountMinor),
        this.cashLine(order, 'credit', approved.amountMinor, channel),
      ]),
    });
  }
}
