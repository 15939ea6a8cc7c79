/**
 * The one way the web app talks to the server: JSON over fetch with the session cookie, the CSRF header on
 * every state-changing request, an Idempotency-Key on every POST (so a double click or a retried request never
 * moves money twice), and RFC 9457 problem+json turned into an ApiError with the server's stable code and its
 * field errors, so forms can show each message beside the field it concerns.
 */

/**
 * One field's problem in an RFC 9457 answer. Written here, not generated: the routes declare only their success
 * answers, so the OpenAPI document has no problem+json schema to take it from.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string | undefined,
    readonly fieldErrors: FieldError[],
  ) {
    super(detail ?? title);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401), so the app can show the sign-in page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** A file sent as it is (statements, spreadsheets): the server reads the exact bytes, not JSON. */
  raw?: Blob;
  /** Reuse the same key when the user retries the same action (e.g. after a network error). */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // The workbench's language, not the browser's: the server words what it names itself (built-in templates) in it.
  const language = typeof document === 'undefined' ? '' : document.documentElement.lang;
  if (language) headers['accept-language'] = language;
  if (options.raw !== undefined) headers['content-type'] = 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (method === 'POST') headers['idempotency-key'] = options.idempotencyKey ?? crypto.randomUUID();
  let response: Response;
  try {
    response = await fetch(withQuery(`/api/v1${path}`, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'network_error', undefined, []);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw problemOf(response, data, path);
  return data as T;
}

function problemOf(response: Response, data: unknown, path: string): ApiError {
  const problem = (data ?? {}) as { code?: string; title?: string; detail?: string; errors?: FieldError[] };
  if (response.status === 401 && path !== '/auth/sign-in' && onUnauthenticated) onUnauthenticated();
  return new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.title ?? response.statusText, problem.detail, problem.errors ?? []);
}

/**
 * A file the server makes (an export, a statement PDF): fetched, so a refusal (too many rows, no permission)
 * arrives as the usual ApiError instead of a broken download, and saved under the name the server gives in
 * Content-Disposition (filename*, RFC 5987: Chinese names survive). With a body it is a POST (the pivot's export
 * takes the pivot's own request), with the CSRF header like any state-changing request.
 */
export async function fetchFile(path: string, query: Query, signal?: AbortSignal, body?: unknown): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  const post = body !== undefined;
  const headers: Record<string, string> = post ? { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) } : {};
  try {
    response = await fetch(withQuery(`/api/v1${path}`, query), { method: post ? 'POST' : 'GET', headers, credentials: 'same-origin', signal, body: post ? JSON.stringify(body) : undefined });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'network_error', undefined, []);
  }
  if (!response.ok) throw problemOf(response, safeJson(await response.text()), path);
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const filename = encoded ? decodeURIComponent(encoded) : /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'export';
  return { blob: await response.blob(), filename };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, idempotencyKey?: string) => request<T>('POST', path, { body: body ?? {}, idempotencyKey }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Uploads a file as the raw request body, its options in the query string. */
export function postRaw<T>(path: string, file: Blob, query: Query, idempotencyKey?: string): Promise<T> {
  return request<T>('POST', path, { raw: file, query, idempotencyKey });
}

/**
 * A page of a cursor-paginated list, as every list endpoint answers, for the generic list code (DataTable, the
 * pickers). A list's own item type comes from the document: ItemOf<'get', '/receipts'>.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
