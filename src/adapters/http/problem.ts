import type { FastifyReply } from 'fastify';
import type { ErrorCode, KxError } from '../../core/errors.js';

/**
 * HTTP status for each stable error code, decided here at the edge and nowhere else. A code missing from
 * this table is a programmer error caught by the type checker.
 */
export const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 422,
  unknown_currency: 422,
  invalid_amount: 422,
  too_many_decimals: 422,
  amount_not_positive: 422,
  amount_out_of_range: 422,
  entry_unbalanced: 422,
  entry_too_few_lines: 422,
  entry_too_many_lines: 422,
  unknown_account: 422,
  unknown_dimension: 422,
  invalid_date: 422,
  weak_password: 422,
  idempotency_key_reused: 409,
  entry_already_reversed: 409,
  entry_not_found: 404,
  tenant_not_found: 404,
  not_found: 404,
  concurrency_retries_exhausted: 503,
  data_dir_locked: 503,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  too_many_attempts: 429,
  too_many_streams: 429,
  forbidden: 403,
  csrf_failed: 403,
  already_exists: 409,
  period_closed: 409,
  period_not_closed: 409,
  invalid_state: 409,
  reason_required: 422,
  wrong_password: 422,
  exceeds_refundable_amount: 409,
  exceeds_outstanding: 409,
  exceeds_receipt_amount: 422,
  exceeds_advance_balance: 409,
  plan_mismatch: 422,
  plan_locked: 409,
  currency_mismatch: 422,
  exchange_rate_missing: 422,
  self_approval_forbidden: 403,
  write_off_limit_exceeded: 422,
  idempotency_key_required: 428,
  statement_format_unknown: 422,
  statement_malformed: 422,
  statement_encoding_invalid: 422,
  statement_too_large: 413,
  statement_empty: 422,
  mapping_invalid: 422,
  webhook_signature_invalid: 401,
  webhook_timestamp_stale: 401,
  webhook_body_invalid: 400,
  import_malformed: 422,
  import_too_large: 413,
  report_too_large: 422,
  export_too_large: 422,
  report_file_expired: 410,
  template_read_only: 409,
  report_kind_unavailable: 422,
  import_invalid_rows: 422,
  webhook_integration_unknown: 404,
  webhook_event_conflict: 409,
  webhook_target_forbidden: 422,
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: { field: string; code: string; message: string }[];
}

/** RFC 9457 problem details; `type` is a stable URI per code so clients can link documentation. */
export function problemOf(status: number, code: string, title: string, detail?: string): Problem {
  return { type: `https://kuanxiang.dev/problems/${code}`, title, status, code, ...(detail ? { detail } : {}) };
}

export function problemFromKxError(error: KxError): Problem {
  const problem = problemOf(statusByCode[error.code], error.code, error.message);
  if (error.fields.length > 0) problem.errors = error.fields.map((f) => ({ field: f.field, code: f.code, message: f.message }));
  return problem;
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
