import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { allocate } from '../../core/money/index.js';
import { dateOf, weekdayOf, type DayNumber } from './calendar.js';
import { makePlan, paymentsFor, sampleOrderAmount, wholeMajor, type Instalment } from './plan.js';
import type { Rng } from './rng.js';
import { cnyChannelWeights, usdChannelWeights, type DemoCurrency, type DemoCustomer, type DemoProduct, type DemoWorld } from './world.js';

/**
 * What happens to an order, as business events: the seed carries each out through the same use cases the
 * API uses (docs/accounting.md shows what each posts), so the demo is what real use leaves behind.
 */
export type DemoAction =
  /** Money paid ahead of the order (预收款), entered by the owner and confirmed by finance. */
  | { kind: 'prepayment'; day: DayNumber; amountMinor: bigint; channel: ReceiptChannel }
  /** The order with its lines, created and confirmed by its owner; the plan is the order's. */
  | { kind: 'order'; day: DayNumber; lines: { product: DemoProduct; amountMinor: bigint }[] }
  /** Finance applies the customer's advance to the first instalment. */
  | { kind: 'application'; day: DayNumber; amountMinor: bigint }
  /** A payment against one instalment, entered by the owner and confirmed by finance. */
  | { kind: 'receipt'; day: DayNumber; amountMinor: bigint; channel: ReceiptChannel; instalment: number }
  /** Part of a prepayment given back: requested by the owner, approved and (if paidDay) paid by finance. */
  | { kind: 'refund_advance'; day: DayNumber; paidDay: DayNumber | null; amountMinor: bigint; channel: ReceiptChannel }
  /**
   * Goods sent back after the last receipt: that receipt's allocation is taken back, the order reduced by a
   * credit note, and the money refunded from the receipt.
   */
  | { kind: 'return'; day: DayNumber; paidDay: DayNumber | null; amountMinor: bigint; channel: ReceiptChannel };

export type DemoActionKind = DemoAction['kind'];
export const demoActionKinds: readonly DemoActionKind[] = ['order', 'prepayment', 'application', 'receipt', 'refund_advance', 'return'];

export interface DemoOrder {
  readonly customer: DemoCustomer;
  readonly currency: DemoCurrency;
  readonly day: DayNumber;
  readonly amountMinor: bigint;
  readonly instalments: readonly Instalment[];
}

/** One order with everything that happened to it up to the as-of date, in the order it is carried out. */
export interface OrderBundle {
  readonly order: DemoOrder;
  readonly actions: readonly DemoAction[];
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
 * Streams the demo one order at a time: the order, its prepayment, receipts and refunds. Memory stays flat
 * however many orders there are, because nothing but a counter outlives a yielded bundle.
 */
export class DemoLedgerGenerator {
  private receiptsLeft: number;

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
    const order: DemoOrder = { customer, currency: customer.currency, day, amountMinor, instalments: makePlan(rng, day, amountMinor) };
    const actions: DemoAction[] = [];
    const refunds: DemoAction[] = [];
    const prepaid = this.prepay(order, actions, refunds);
    actions.push({ kind: 'order', day, lines: this.orderLines(order) });
    if (prepaid) {
      const first = order.instalments[0]!;
      actions.push({ kind: 'application', day, amountMinor: first.amountMinor });
      first.paidMinor = first.amountMinor;
    }
    actions.push(...refunds);
    let last: { day: DayNumber; channel: ReceiptChannel; amountMinor: bigint } | undefined;
    order.instalments.forEach((inst, index) => {
      last = this.settle(order, inst, index, actions) ?? last;
    });
    if (last && rng.chance(0.025)) this.returnGoods(order, last, actions);
    return { order, actions };
  }

  /** One line per product so sales can be analysed by product; the parts add up to the order exactly. */
  private orderLines(order: DemoOrder): { product: DemoProduct; amountMinor: bigint }[] {
    const products = this.pickProducts();
    const parts = allocate(order.amountMinor, products.map(() => BigInt(this.rng.int(1, 10))));
    return products.map((product, i) => ({ product, amountMinor: parts[i]! })).filter((line) => line.amountMinor > 0n);
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

  /** Some customers pay the first instalment before the order is confirmed, a few of them too much. */
  private prepay(order: DemoOrder, actions: DemoAction[], refunds: DemoAction[]): boolean {
    const { rng } = this;
    if (!rng.chance(0.15)) return false;
    const day = order.day - rng.int(1, 10);
    const first = order.instalments[0]!.amountMinor;
    const extra = rng.chance(0.12) ? wholeMajor((first * BigInt(rng.int(5, 30))) / 100n, order.currency) : 0n;
    const channel = this.channelFor(order.customer);
    if (!this.takeReceipt()) return false;
    actions.push({ kind: 'prepayment', day, amountMinor: first + extra, channel });
    if (extra > 0n && rng.chance(0.6)) {
      const approvedDay = order.day + rng.int(5, 30);
      const paidDay = approvedDay + rng.int(1, 14);
      if (approvedDay <= this.options.asOf) {
        refunds.push({ kind: 'refund_advance', day: approvedDay, paidDay: paidDay <= this.options.asOf ? paidDay : null, amountMinor: extra, channel });
      }
    }
    return true;
  }

  /** The receipts this customer makes against one instalment up to the as-of date. */
  private settle(order: DemoOrder, inst: Instalment, index: number, actions: DemoAction[]): { day: DayNumber; channel: ReceiptChannel; amountMinor: bigint } | undefined {
    let last: { day: DayNumber; channel: ReceiptChannel; amountMinor: bigint } | undefined;
    for (const payment of paymentsFor(this.rng, order.customer.profile, inst, order.day, order.currency)) {
      const channel = this.channelFor(order.customer);
      if (payment.day > this.options.asOf || !this.takeReceipt()) break;
      actions.push({ kind: 'receipt', day: payment.day, amountMinor: payment.amountMinor, channel, instalment: index });
      inst.paidMinor += payment.amountMinor;
      last = { day: payment.day, channel, amountMinor: payment.amountMinor };
    }
    return last;
  }

  /** Goods sent back after payment: part of the last receipt is refunded, through the channel it came by. */
  private returnGoods(order: DemoOrder, last: { day: DayNumber; channel: ReceiptChannel; amountMinor: bigint }, actions: DemoAction[]): void {
    const share = wholeMajor((last.amountMinor * BigInt(this.rng.int(10, 100))) / 100n, order.currency);
    const approvedDay = last.day + this.rng.int(3, 45);
    const paidDay = approvedDay + this.rng.int(1, 14);
    if (share <= 0n || approvedDay > this.options.asOf) return;
    actions.push({ kind: 'return', day: approvedDay, paidDay: paidDay <= this.options.asOf ? paidDay : null, amountMinor: share, channel: last.channel });
    // The credit note shrinks the unpaid instalments latest first; what is still open stays the same.
  }
}
