import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { allocate, currencyExponent } from '../../core/money/index.js';
import type { DayNumber } from './calendar.js';
import type { Rng } from './rng.js';
import type { DemoCurrency, PayerProfile } from './world.js';

/**
 * Payment plans and how customers pay them: the pure arithmetic of the demo, with no ledger in it.
 * There is no plan table yet, so the plan lives here and drives which receipts get posted.
 */
export interface Instalment {
  readonly dueDay: DayNumber;
  readonly amountMinor: bigint;
  /** What has been received against it up to the as-of date. */
  paidMinor: bigint;
}

/** Order totals per currency, in major units: ¥2,000–¥800,000 and the same range in dollars. */
const orderRangeMajor: Record<DemoCurrency, [min: number, max: number]> = { CNY: [2_000, 800_000], USD: [300, 115_000] };

export function majorUnit(currency: string): bigint {
  return 10n ** BigInt(currencyExponent(currency));
}

/** A skewed order total: many small orders, few large ones, in round figures, some with a discount's odd cents. */
export function sampleOrderAmount(rng: Rng, currency: DemoCurrency, sizeFactor: number): bigint {
  const [min, max] = orderRangeMajor[currency];
  const skew = Math.pow(rng.float(), 2.2);
  const major = Math.min(max, Math.max(min, min * Math.pow(max / min, skew) * sizeFactor));
  const step = major < 10_000 ? 10 : major < 100_000 ? 100 : 1_000;
  const unit = majorUnit(currency);
  let minor = BigInt(Math.round(major / step) * step) * unit;
  if (rng.chance(0.15)) minor -= BigInt(rng.int(1, 99)) * unit + BigInt(rng.int(0, Number(unit) - 1));
  const [low, high] = [BigInt(min) * unit, BigInt(max) * unit];
  return minor < low ? low : minor > high ? high : minor;
}

/** Rounds down to whole major units (a customer pays ¥12,300, not ¥12,345.67), but never to zero. */
export function wholeMajor(minor: bigint, currency: string): bigint {
  const unit = majorUnit(currency);
  const rounded = (minor / unit) * unit;
  return rounded > 0n ? rounded : minor;
}

const instalmentSplits: Record<number, readonly (readonly bigint[])[]> = {
  1: [[1n]],
  2: [[3n, 7n], [5n, 5n], [4n, 6n]],
  3: [[3n, 4n, 3n], [1n, 1n, 1n], [2n, 5n, 3n]],
  4: [[1n, 1n, 1n, 1n], [1n, 3n, 3n, 3n]],
};

/** 1–4 instalments that sum exactly to the order (allocate guarantees it), due at common terms. */
export function makePlan(rng: Rng, orderDay: DayNumber, amountMinor: bigint): Instalment[] {
  const count = Number(rng.weighted({ 1: 45, 2: 30, 3: 15, 4: 10 }));
  const parts = allocate(amountMinor, rng.pick(instalmentSplits[count]!));
  const firstDue = orderDay + rng.pick([0, 15, 30, 30, 45, 60]);
  const interval = rng.pick([30, 30, 60, 90]);
  return parts.map((part, i) => ({ dueDay: firstDue + i * interval, amountMinor: part, paidMinor: 0n }));
}

type Outcome = 'on_time' | 'late' | 'partial' | 'never';

const outcomeWeights: Record<PayerProfile, Record<Outcome, number>> = {
  prompt: { on_time: 90, late: 7, partial: 2, never: 1 },
  slow: { on_time: 35, late: 55, partial: 7, never: 3 },
  partial: { on_time: 30, late: 20, partial: 45, never: 5 },
  risky: { on_time: 15, late: 35, partial: 20, never: 30 },
};

const lateDays: Record<PayerProfile, [min: number, max: number]> = {
  prompt: [3, 20], slow: [5, 90], partial: [5, 60], risky: [20, 240],
};

export interface Payment {
  readonly day: DayNumber;
  readonly amountMinor: bigint;
}

/**
 * The payments a customer of this profile will make against what is left of an instalment, in date order,
 * including ones after the as-of date (the caller drops those: they are still open). Never before the order.
 */
export function paymentsFor(rng: Rng, profile: PayerProfile, inst: Instalment, orderDay: DayNumber, currency: string): Payment[] {
  const remaining = inst.amountMinor - inst.paidMinor;
  if (remaining <= 0n) return [];
  const outcome = rng.weighted(outcomeWeights[profile]);
  const [lateMin, lateMax] = lateDays[profile];
  switch (outcome) {
    case 'on_time':
      return [{ day: Math.max(orderDay, inst.dueDay + rng.int(-10, 2)), amountMinor: remaining }];
    case 'late':
      return [{ day: inst.dueDay + rng.int(lateMin, lateMax), amountMinor: remaining }];
    case 'partial': {
      const first = wholeMajor((remaining * BigInt(rng.int(30, 80))) / 100n, currency);
      const firstDay = Math.max(orderDay, inst.dueDay + rng.int(-5, 20));
      if (first <= 0n || first >= remaining) return [{ day: firstDay, amountMinor: remaining }];
      const payments = [{ day: firstDay, amountMinor: first }];
      if (rng.chance(0.5)) payments.push({ day: firstDay + rng.int(20, 120), amountMinor: remaining - first });
      return payments;
    }
    case 'never':
      return [];
  }
}

const feeBasisPoints: Partial<Record<ReceiptChannel, bigint>> = { alipay: 60n, wechat_pay: 60n, stripe: 290n };

/** What the gateway keeps from a receipt, rounded half up to the minor unit; zero for bank, cash and cheque. */
export function gatewayFee(amountMinor: bigint, channel: ReceiptChannel): bigint {
  const bp = feeBasisPoints[channel];
  return bp === undefined ? 0n : (amountMinor * bp + 5_000n) / 10_000n;
}
