/**
 * Bank and payment-app statements, their lines, match candidates and column mappings
 * (src/adapters/http/routes/statements.ts). Amounts are decimal strings; a line's amount is signed (+ in, − out).
 */
import { api, postRaw, type Query } from './client';
import { valuesOf, type ItemOf, type QueryOf, type RequestJson, type ResponseJson } from './openapi-types';

export type Statement = ResponseJson<'get', '/statements/{id}'>;
export type StatementWarning = Statement['warnings'][number];

export type UploadQuery = QueryOf<'post', '/statements'>;
export type StatementUploadFormat = NonNullable<UploadQuery['format']>;
export const statementFormats = valuesOf<StatementUploadFormat>()(['auto', 'camt053', 'mt940', 'mt942', 'csv', 'xlsx', 'alipay_csv', 'wechat_csv']);
export type StatementEncoding = NonNullable<UploadQuery['encoding']>;
export const statementEncodings = valuesOf<StatementEncoding>()(['auto', 'utf-8', 'gbk']);

export type LinePage = ResponseJson<'get', '/statements/{id}/lines'>;
/** statusReason: why it was ignored or unmatched; matchedReceipts: the receipts this line recorded or reconciled. */
export type StatementLine = LinePage['items'][number];
export type LineStatus = StatementLine['status'];
export const lineStatuses = valuesOf<LineStatus>()(['unmatched', 'suggested', 'matched', 'ignored']);

export type Candidate = ItemOf<'get', '/statement-lines/{id}/candidates'>;
export type CandidateItem = Candidate['items'][number];
export type MatchInput = RequestJson<'post', '/statement-lines/{id}/match'>;

export type UploadOptions = Required<Pick<UploadQuery, 'format' | 'encoding' | 'filename'>> & Pick<UploadQuery, 'mappingId'>;

export type StatementMapping = ItemOf<'get', '/statement-mappings'>;
/** What a mapping says (the server keeps it as its `definition`). columns: header name (or 1-based column number as text) per field. */
export type MappingDefinition = StatementMapping['definition'];
export type MappingColumn = keyof MappingDefinition['columns'];
export const mappingColumns = valuesOf<MappingColumn>()(['bookingDate', 'valueDate', 'amount', 'credit', 'debit', 'direction', 'currency', 'counterpartyName', 'counterpartyAccount', 'bankRef', 'endToEndRef', 'description', 'balance']);
/** The server's built-in export layouts (src/adapters/statements/presets.ts); a mapping's own columns override theirs. */
export const mappingPresets = valuesOf<NonNullable<MappingDefinition['preset']>>()(['alipay', 'wechat', 'icbc', 'cmb', 'cn_bank']);
export const mappingDelimiters = valuesOf<NonNullable<MappingDefinition['delimiter']>>()(['auto', ',', ';', '\t', '|']);
export const mappingDateFormats = valuesOf<NonNullable<MappingDefinition['dateFormat']>>()(['auto', 'YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY年MM月DD日']);

/** The body is any object on the server (it lists every problem as mapping_invalid); the web sends a definition as it reads one. */
export type MappingInput = Omit<RequestJson<'post', '/statement-mappings'>, 'definition'> & { definition: MappingDefinition };

export const statementsApi = {
  /** One file may hold several statements (an MT940 with many :20: blocks): each is answered. */
  upload: (file: Blob, options: UploadOptions, key: string) =>
    postRaw<ResponseJson<'post', '/statements'>>('/statements', file, { format: options.format, encoding: options.encoding, mappingId: options.mappingId, filename: options.filename }, key),
  get: (id: string, signal?: AbortSignal) => api.get<Statement>(`/statements/${id}`, undefined, signal),
  candidates: (lineId: string, signal?: AbortSignal) => api.get<ResponseJson<'get', '/statement-lines/{id}/candidates'>>(`/statement-lines/${lineId}/candidates`, undefined, signal),
  match: (lineId: string, body: MatchInput, key: string) =>
    api.post<StatementLine>(`/statement-lines/${lineId}/match`, body, key),
  ignore: (lineId: string, reason: string) => api.post<StatementLine>(`/statement-lines/${lineId}/ignore`, { reason }),
  unmatch: (lineId: string, reason: string) => api.post<StatementLine>(`/statement-lines/${lineId}/unmatch`, { reason }),
  /** Lines it could not accept are named with the reason (the item was paid meanwhile, …). */
  acceptAbove: (id: string, minScore: number, key: string) =>
    api.post<ResponseJson<'post', '/statements/{id}/accept'>>(`/statements/${id}/accept`, { minScore }, key),
  /** Matches the open lines again against today's open items (after recording receipts or orders). */
  rematch: (id: string) => api.post<ResponseJson<'post', '/statements/{id}/rematch'>>(`/statements/${id}/rematch`, {}),
  lines: (id: string, query: Query, signal?: AbortSignal) => api.get<LinePage>(`/statements/${id}/lines`, query, signal),

  mappings: (signal?: AbortSignal) => api.get<ResponseJson<'get', '/statement-mappings'>>('/statement-mappings', undefined, signal),
  createMapping: (body: MappingInput) => api.post<StatementMapping>('/statement-mappings', body),
  updateMapping: (id: string, body: Partial<MappingInput>) => api.patch<StatementMapping>(`/statement-mappings/${id}`, body),
  deleteMapping: (id: string) => api.delete<void>(`/statement-mappings/${id}`),
};
