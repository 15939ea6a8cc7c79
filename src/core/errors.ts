/**
 * Expected failures carry a stable, machine-readable code. Adapters map codes to transport details
 * (HTTP status, CLI exit code); the code itself never changes once released, because clients branch on it.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unknown_currency'
  | 'invalid_amount'
  | 'too_many_decimals'
  | 'amount_not_positive'
  | 'amount_out_of_range'
  | 'entry_unbalanced'
  | 'entry_too_few_lines'
  | 'entry_too_many_lines'
  | 'unknown_account'
  | 'unknown_dimension'
  | 'invalid_date'
  | 'idempotency_key_reused'
  | 'entry_already_reversed'
  | 'entry_not_found'
  | 'tenant_not_found'
  | 'concurrency_retries_exhausted'
  | 'data_dir_locked'
  | 'weak_password'
  | 'not_found'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'session_expired'
  | 'too_many_attempts'
  | 'too_many_streams'
  | 'forbidden'
  | 'csrf_failed'
  | 'already_exists'
  | 'period_closed'
  | 'period_not_closed'
  | 'invalid_state'
  | 'reason_required'
  | 'wrong_password'
  | 'exceeds_refundable_amount'
  | 'exceeds_outstanding'
  | 'exceeds_receipt_amount'
  | 'exceeds_advance_balance'
  | 'plan_mismatch'
  | 'plan_locked'
  | 'currency_mismatch'
  | 'exchange_rate_missing'
  | 'self_approval_forbidden'
  | 'write_off_limit_exceeded'
  | 'idempotency_key_required'
  | 'statement_format_unknown'
  | 'statement_malformed'
  | 'statement_encoding_invalid'
  | 'statement_too_large'
  | 'statement_empty'
  | 'mapping_invalid'
  | 'webhook_signature_invalid'
  | 'webhook_timestamp_stale'
  | 'webhook_body_invalid'
  | 'import_malformed'
  | 'import_too_large'
  | 'import_invalid_rows'
  | 'webhook_integration_unknown'
  | 'webhook_event_conflict'
  | 'webhook_target_forbidden'
  | 'report_too_large'
  | 'export_too_large'
  | 'report_file_expired'
  | 'template_read_only'
  | 'report_kind_unavailable';

export interface FieldIssue {
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

export class KxError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  readonly fields: readonly FieldIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; fields?: FieldIssue[]; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KxError';
    this.code = code;
    this.details = options.details ?? {};
    this.fields = options.fields ?? [];
  }
}

export function isKxError(value: unknown, code?: ErrorCode): value is KxError {
  return value instanceof KxError && (code === undefined || value.code === code);
}
