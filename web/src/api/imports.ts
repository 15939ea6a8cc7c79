/** Spreadsheet import of customers, orders with plans and receipts (src/adapters/http/routes/imports.ts). */
import { api, postRaw } from './client';

export const importKinds = ['customers', 'orders', 'receipts'] as const;
export type ImportKind = (typeof importKinds)[number];
export type ImportFormat = 'csv' | 'xlsx';
export type ImportStatus = 'validating' | 'validated' | 'importing' | 'done' | 'failed';
export type ImportMode = 'all_or_nothing' | 'valid_only';

export interface ImportRowError {
  /** 1-based data row as the spreadsheet shows it. */
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportJob {
  id: string;
  kind: ImportKind;
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  validRows: number;
  errorRows: number;
  importedRows: number;
  /** valid_only: valid rows the use case refused at commit (their problem is in errors). */
  skippedRows: number;
  mode: ImportMode | null;
  /** The first 200; the whole list is errors.csv. */
  errors: ImportRowError[];
  /** How many problems in all (errors holds the first ones). */
  errorCount: number;
  /** Why a failed import failed, when the file as a whole was refused. */
  failure: { code: string; message: string } | null;
  createdAt: string;
  finishedAt: string | null;
  filename: string;
}

/** Addresses the browser opens itself (a download carries the session cookie; GET needs no CSRF header). */
export const templateUrl = (kind: ImportKind, format: ImportFormat) => `/api/v1/imports/templates/${kind}?format=${format}`;
export const errorsCsvUrl = (id: string) => `/api/v1/imports/${id}/errors.csv`;

export const importsApi = {
  upload: (file: Blob, options: { kind: ImportKind; format: ImportFormat; filename: string }, key: string) => postRaw<ImportJob>('/imports', file, options, key),
  get: (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
  commit: (id: string, mode: ImportMode, key: string) => api.post<ImportJob>(`/imports/${id}/commit`, { mode }, key),
};
