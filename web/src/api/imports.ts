/** Spreadsheet import of customers, orders with plans and receipts (src/adapters/http/routes/imports.ts). */
import { api, postRaw } from './client';
import { valuesOf, type QueryOf, type ResponseJson } from './openapi-types';

/**
 * skippedRows (valid_only): valid rows the use case refused at commit (their problem is in errors). errors: the
 * first 200, the whole list is errors.csv; errorCount: how many in all. failure: why a failed import failed, when
 * the file as a whole was refused.
 */
export type ImportJob = ResponseJson<'get', '/imports/{id}'>;
export type ImportKind = ImportJob['kind'];
export const importKinds = valuesOf<ImportKind>()(['customers', 'orders', 'receipts']);
export type ImportFormat = ImportJob['format'];
export type ImportStatus = ImportJob['status'];
export type ImportMode = NonNullable<ImportJob['mode']>;
/** row: the 1-based data row as the spreadsheet shows it. */
export type ImportRowError = ImportJob['errors'][number];
export type UploadQuery = QueryOf<'post', '/imports'>;

/** Addresses the browser opens itself (a download carries the session cookie; GET needs no CSRF header). */
export const templateUrl = (kind: ImportKind, format: ImportFormat) => `/api/v1/imports/templates/${kind}?format=${format}`;
export const errorsCsvUrl = (id: string) => `/api/v1/imports/${id}/errors.csv`;

export const importsApi = {
  upload: (file: Blob, options: UploadQuery & { filename: string }, key: string) => postRaw<ImportJob>('/imports', file, options, key),
  get: (id: string, signal?: AbortSignal) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
  commit: (id: string, mode: ImportMode, key: string) => api.post<ImportJob>(`/imports/${id}/commit`, { mode }, key),
};
