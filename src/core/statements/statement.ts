/**
 * A bank or payment-app statement as every parser hands it over (CAMT.053, MT940/MT942, CSV/XLSX with a column
 * mapping, Alipay and WeChat Pay bill exports). Amounts are bigint minor units of the statement's currency;
 * a line's amount is signed: + money in (credit to the account holder), − money out.
 */
export interface ParsedStatement {
  /** What the file was read as. */
  format: StatementFormat;
  /** The statement's own id (CAMT Stmt/Id, MT940 :20:/:28C:), or a stable digest of the file when it has none. */
  statementId: string;
  /** IBAN, account number or payment-app account; '' when the file does not say. */
  accountId: string;
  currency: string;
  /** Opening and closing booked balances, when the format carries them (MT942 and app exports do not). */
  openingMinor: bigint | null;
  closingMinor: bigint | null;
  /** Business dates YYYY-MM-DD of the period covered, when known. */
  fromDate: string | null;
  toDate: string | null;
  lines: StatementLine[];
  /** Problems that do not stop the import: does not balance, mixed currencies, skipped rows … */
  warnings: StatementWarning[];
}

export type StatementFormat = 'camt053' | 'mt940' | 'mt942' | 'csv' | 'xlsx' | 'alipay_csv' | 'wechat_csv';

export interface StatementLine {
  /** 1-based position in the file (entry index for XML, row number for CSV): where to point an error. */
  position: number;
  /** Booking date YYYY-MM-DD. */
  bookingDate: string;
  valueDate: string | null;
  /** Signed minor units: + in, − out. Never 0. */
  amountMinor: bigint;
  currency: string;
  /** Counterparty (payer for money in). '' when unknown. */
  counterpartyName: string;
  counterpartyAccount: string;
  /** Bank's or app's reference for this line (AcctSvcrRef, :61: bank ref, 交易号). '' when none. */
  bankRef: string;
  /** End-to-end / customer reference (EndToEndId, :61: customer ref, 商户订单号). '' when none. */
  endToEndRef: string;
  /** Free text: remittance info, :86:, 备注/商品说明. */
  description: string;
  /**
   * Identity of the line across re-imports of the same or overlapping files: bankRef when the format has a
   * unique one, else a digest of (account, booking date, amount, references, description, occurrence index).
   */
  fingerprint: string;
}

export interface StatementWarning {
  code: StatementWarningCode;
  message: string;
  position?: number;
  details?: Record<string, string>;
}

export type StatementWarningCode =
  | 'statement_unbalanced'
  | 'statement_currency_mixed'
  | 'statement_discontinuous'
  | 'statement_row_skipped'
  | 'statement_totals_disagree';
