/**
 * Bank and payment-app statements, their lines, match candidates and column mappings
 * (src/adapters/http/routes/statements.ts). Amounts are decimal strings; a line's amount is signed (+ in, − out).
 */
import { api, postRaw, type Page, type Query } from './client';

export const statementFormats = ['auto', 'camt053', 'mt940', 'csv', 'xlsx', 'alipay_csv', 'wechat_csv'] as const;
export type StatementUploadFormat = (typeof statementFormats)[number];
export const statementEncodings = ['auto', 'utf-8', 'gbk'] as const;
export const lineStatuses = ['unmatched', 'suggested', 'matched', 'ignored'] as const;
export type LineStatus = (typeof lineStatuses)[number];

export interface StatementWarning {
  code: string;
  message: string;
  position?: number;
  details?: Record<string, string>;
}

export interface Statement {
  id: string;
  number: string;
  format: string;
  accountId: string;
  currency: string;
  openingBalance: string | null;
  closingBalance: string | null;
  fromDate: string | null;
  toDate: string | null;
  lineCount: number;
  newLines: number;
  duplicateLines: number;
  warnings: StatementWarning[];
  counts: Record<LineStatus, number>;
  importedAt: string;
  filename: string;
}

export interface StatementLine {
  id: string;
  position: number;
  bookingDate: string;
  amount: string;
  currency: string;
  counterpartyName: string;
  counterpartyAccount: string;
  bankRef: string;
  endToEndRef: string;
  description: string;
  status: LineStatus;
  /** Why it was ignored or unmatched. */
  statusReason: string | null;
  bestScore: number | null;
  /** The receipts this line recorded or reconciled. */
  matchedReceipts: { id: string; number: string; amount: string }[];
  customerId: string | null;
}

export interface CandidateItem {
  kind: 'receipt' | 'instalment';
  id: string;
  number: string;
  amount: string;
  currency: string;
  dueDate: string | null;
  open: boolean;
}

export interface Candidate {
  score: number;
  customerId: string;
  customerName: string;
  signals: { kind: string; weight: number; detail: string }[];
  items: CandidateItem[];
}

export interface UploadOptions {
  format: StatementUploadFormat;
  encoding: (typeof statementEncodings)[number];
  mappingId?: string;
  filename: string;
}

export const mappingColumns = ['bookingDate', 'valueDate', 'amount', 'credit', 'debit', 'direction', 'currency', 'counterpartyName', 'counterpartyAccount', 'bankRef', 'endToEndRef', 'description', 'balance'] as const;
/** The server's built-in export layouts (src/adapters/statements/presets.ts); a mapping's own columns override theirs. */
export const mappingPresets = ['alipay', 'wechat', 'icbc', 'cmb', 'cn_bank'] as const;
export const mappingDelimiters = ['auto', ',', ';', '\t', '|'] as const;
export const mappingDateFormats = ['auto', 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY年MM月DD日'] as const;
export type MappingColumn = (typeof mappingColumns)[number];

/** What a mapping says (the server keeps it as its `definition`). */
export interface MappingDefinition {
  preset?: (typeof mappingPresets)[number] | null;
  encoding: string;
  /** Lines before the header row; absent: the header is found among the first rows. */
  skipRows?: number | null;
  delimiter: string;
  /** Header name (or 1-based column number as text) per field. */
  columns: Partial<Record<MappingColumn, string>>;
  dateFormat: string;
  defaultCurrency: string;
}

export interface StatementMapping {
  id: string;
  name: string;
  definition: MappingDefinition;
  createdAt: string;
  updatedAt: string;
}

export interface MappingInput {
  name: string;
  definition: MappingDefinition;
}

export const statementsApi = {
  /** One file may hold several statements (an MT940 with many :20: blocks): each is answered. */
  upload: (file: Blob, options: UploadOptions, key: string) =>
    postRaw<{ items: Statement[] }>('/statements', file, { format: options.format, encoding: options.encoding, mappingId: options.mappingId, filename: options.filename }, key),
  get: (id: string, signal?: AbortSignal) => api.get<Statement>(`/statements/${id}`, undefined, signal),
  candidates: (lineId: string, signal?: AbortSignal) => api.get<{ items: Candidate[] }>(`/statement-lines/${lineId}/candidates`, undefined, signal),
  match: (lineId: string, body: { customerId: string; items: { kind: CandidateItem['kind']; id: string; amount?: string }[] }, key: string) =>
    api.post<StatementLine>(`/statement-lines/${lineId}/match`, body, key),
  ignore: (lineId: string, reason: string) => api.post<StatementLine>(`/statement-lines/${lineId}/ignore`, { reason }),
  unmatch: (lineId: string, reason: string) => api.post<StatementLine>(`/statement-lines/${lineId}/unmatch`, { reason }),
  /** Lines it could not accept are named with the reason (the item was paid meanwhile, …). */
  acceptAbove: (id: string, minScore: number, key: string) =>
    api.post<{ accepted: number; skipped: { lineId: string; position: number; reason: string }[] }>(`/statements/${id}/accept`, { minScore }, key),
  /** Matches the open lines again against today's open items (after recording receipts or orders). */
  rematch: (id: string) => api.post<{ lines: number; suggested: number }>(`/statements/${id}/rematch`, {}),
  lines: (id: string, query: Query, signal?: AbortSignal) => api.get<Page<StatementLine>>(`/statements/${id}/lines`, query, signal),

  mappings: (signal?: AbortSignal) => api.get<{ items: StatementMapping[] }>('/statement-mappings', undefined, signal),
  createMapping: (body: MappingInput) => api.post<StatementMapping>('/statement-mappings', body),
  updateMapping: (id: string, body: Partial<MappingInput>) => api.patch<StatementMapping>(`/statement-mappings/${id}`, body),
  deleteMapping: (id: string) => api.delete<void>(`/statement-mappings/${id}`),
};
