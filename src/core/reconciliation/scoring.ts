/**
 * The score of a suggestion, 0–100: the sum of the weights of its signals, each signal listed with its weight,
 * so the total a person sees is the total they can add up.
 *
 *   reference   50  every item's order/receipt number is in the line text, or the receipt's external reference
 *                   equals the line's bank/end-to-end reference; 30 when only some of the items are named
 *   amount      30  exact to the minor unit (an instalment's or an order's open amount, a receipt's amount);
 *                   an amount alone (no reference, no payer) that k open items in the window share says less:
 *                   30 − 5·⌈log2 k⌉, at least 15
 *               25  a sum: one line = several items of one customer, or several lines = one item
 *                5  partial: the line pays part of what is open, or more (the rest becomes an advance)
 *   payer       15  learned alias (payer_aliases: finance confirmed this payer for this customer before)
 *               12  payer account equal to the receipt's, or seen on a receipt of this customer
 *          9 – 12  name similar: round(12 × similarity), similarity ≥ nameSimilarityMin (0.75 by default)
 *                  only the strongest payer signal counts (they say the same thing: who paid)
 *   date     0 – 5  round(5 × (W + 1 − d) / (W + 1)) for d days between booking and due/receipt date, d ≤ W
 *
 * So: reference + amount (80–100) > amount + payer (39–50) > amount alone (15–35) > payer alone with a partial
 * amount (14–32; below the default minScore of 20 unless the dates are close). Currency is not a signal but a gate: an item in another currency is never a candidate.
 */

export const weights = {
  referenceAll: 50,
  referenceSome: 30,
  amountExact: 30,
  amountExactFloor: 15,
  amountAmbiguityStep: 5,
  amountSum: 25,
  amountPartial: 5,
  payerAlias: 15,
  payerAccount: 12,
  payerNameMax: 12,
  dateMax: 5,
} as const;

/** Weight of an exact amount that `sharedBy` open items in the window have (1 = only this one). */
export function amountExactWeight(sharedBy: number): number {
  if (sharedBy <= 1) return weights.amountExact;
  return Math.max(weights.amountExactFloor, weights.amountExact - weights.amountAmbiguityStep * Math.ceil(Math.log2(sharedBy)));
}

export function payerNameWeight(similarity: number): number {
  return Math.round(weights.payerNameMax * similarity);
}

/** Weight of a date `days` apart within a window of `windowDays`; 0 outside it. */
export function dateWeight(days: number, windowDays: number): number {
  const d = Math.abs(days);
  if (d > windowDays) return 0;
  return Math.round((weights.dateMax * (windowDays + 1 - d)) / (windowDays + 1));
}
