/**
 * Auto-matching of statement lines to what the books expect (docs: issue 6 §4). Pure data in, suggestions out;
 * the app layer loads the candidates and applies an accepted match.
 */

/** A money-in statement line as the matcher sees it. */
export interface LineToMatch {
  id: string;
  bookingDate: string;
  /** Positive minor units (money in). */
  amountMinor: bigint;
  currency: string;
  counterpartyName: string;
  counterpartyAccount: string;
  /** bankRef, endToEndRef and description joined: where order/receipt numbers are searched. */
  text: string;
  /** The bank's and the end-to-end reference alone, when known: compared whole with receipts' external_ref. */
  bankRef?: string;
  endToEndRef?: string;
}

/** Something a line may pay or be: a recorded receipt not yet reconciled, or an open instalment/order. */
export type OpenItem = OpenReceipt | OpenInstalment;

export interface OpenReceipt {
  kind: 'receipt';
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  amountMinor: bigint;
  currency: string;
  date: string;
  payerName: string;
  payerAccount: string;
  externalRef: string;
}

export interface OpenInstalment {
  kind: 'instalment';
  id: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  customerName: string;
  /** What the instalment still lacks, minor units. */
  openMinor: bigint;
  /** What the whole order still owes (a line may pay the order, not one instalment). */
  orderOpenMinor: bigint;
  currency: string;
  dueDate: string;
}

/** Payer name/account → customer, learned from confirmed matches (payer_aliases). */
export interface PayerAlias {
  key: string;
  customerId: string;
}

export interface MatchSignal {
  /** reference | amount_exact | amount_sum | payer_name | payer_alias | payer_account | date | currency */
  kind: string;
  /** Contribution to the score, 0–100 scale. */
  weight: number;
  /** In words, with the figures: "order number OD-2026-000123 in the remittance text". */
  detail: string;
}

export interface MatchSuggestion {
  lineIds: string[];
  items: { kind: OpenItem['kind']; id: string; amountMinor: bigint }[];
  customerId: string;
  /** 0–100. */
  score: number;
  signals: MatchSignal[];
}
