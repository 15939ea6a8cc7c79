import { isKxError } from '../../core/errors.js';
import { checkKxSignature, KX_SIGNATURE_HEADER, signKx } from '../../core/gateways/kx-signature.js';
import type { InboundNotification, MatchHints, NormalizedGatewayEvent, VerifiedGatewayEvent } from '../../core/gateways/event.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { assertCurrency, parseAmountMinor } from '../../core/money/index.js';
import {
  assertSignedTimeFresh,
  bodyInvalid,
  cleanHints,
  headerOf,
  JsonObject,
  offsetInstant,
  parseJsonObject,
  signatureInvalid,
} from './common.js';

/*
 * The generic webhook for systems without an adapter of their own, modelled on Stripe's scheme so integrators know
 * it: header `Kx-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>`. Several v1 values
 * may be sent (the sender rotating its secret) and several secrets may be configured (us rotating ours); any
 * pair that matches verifies. The body's shape is ours, so it is checked strictly: unknown fields are refused.
 */

export const GENERIC_SIGNATURE_HEADER = KX_SIGNATURE_HEADER;

export type GenericEventType = 'payment.succeeded' | 'payment.failed' | 'refund.succeeded' | 'dispute.opened' | 'fee.charged';
const EVENT_TYPES: ReadonlySet<string> = new Set<GenericEventType>([
  'payment.succeeded',
  'payment.failed',
  'refund.succeeded',
  'dispute.opened',
  'fee.charged',
]);

/** The header value that signs `body` at Unix time `t` (seconds): for tests, the benchmark and senders' docs. */
export function signGeneric(secret: string, body: string | Buffer, t: number): string {
  return signKx(secret, body, t);
}

export function verifyGeneric(
  notification: InboundNotification,
  credentials: { hmacSecrets: readonly string[] },
  nowMs: number,
): VerifiedGatewayEvent {
  const secrets = credentials.hmacSecrets.filter((secret) => secret !== '');
  if (secrets.length === 0) signatureInvalid('generic', 'no HMAC secret is configured for this integration');
  // The same check outbound webhook receivers run (src/core/gateways/kx-signature.ts).
  const check = checkKxSignature(headerOf(notification.headers, GENERIC_SIGNATURE_HEADER), notification.rawBody, secrets, nowMs, limits.webhookTimestampSkewMsMax);
  if (!check.ok) {
    if (check.reason === 'stale') assertSignedTimeFresh('generic', check.t!, nowMs);
    signatureInvalid('generic', check.detail);
  }
  return {
    ...readGenericBody(parseJsonObject('generic', notification.rawBody)),
    verification: { method: 'hmac-sha256', detail: `Kx-Signature t=${check.t}, ${check.signatures} v1 signature(s), ${check.secrets} secret(s)` },
  };
}

const BODY_FIELDS: ReadonlySet<string> = new Set([
  'id', 'type', 'occurredAt', 'amount', 'currency', 'date', 'paymentRef', 'refundRef', 'disputeRef', 'reason', 'fee', 'hints',
]);
const HINT_FIELDS: ReadonlySet<string> = new Set<keyof MatchHints>([
  'orderNumber', 'customerCode', 'customerId', 'payerName', 'payerAccount', 'payerEmail', 'description',
]);

function readGenericBody(body: JsonObject): VerifiedGatewayEvent {
  refuseUnknown(body, BODY_FIELDS, '');
  const eventId = body.string('id');
  const type = body.string('type');
  if (!EVENT_TYPES.has(type)) bodyInvalid('generic', `type must be one of ${[...EVENT_TYPES].join(', ')}`);
  const occurred = offsetInstant(body.string('occurredAt'));
  if (occurred === undefined) return bodyInvalid('generic', 'occurredAt must be an RFC 3339 instant with an offset');
  const currency = body.string('currency', 3);
  const date = body.optionalString('date', 10) ?? occurred.instant.slice(0, 10);
  if (!isBusinessDate(date)) bodyInvalid('generic', 'date must be a calendar date YYYY-MM-DD');
  const money = {
    amountMinor: amountOf(body.string('amount', 40), currency, 'amount', false),
    currency,
    date,
    paymentRef: body.string('paymentRef'),
    hints: hintsOf(body),
  };
  const reason = body.optionalString('reason', limits.memoCharsMax);
  const fee = body.optionalString('fee', 40);
  if (fee !== undefined && type !== 'payment.succeeded') bodyInvalid('generic', 'fee is only for payment.succeeded');
  let normalized: NormalizedGatewayEvent;
  switch (type as GenericEventType) {
    case 'payment.succeeded':
      normalized = { kind: 'payment_succeeded', ...money, ...(fee === undefined ? {} : { feeMinor: amountOf(fee, currency, 'fee', true) }) };
      break;
    case 'payment.failed':
      normalized = { kind: 'payment_failed', ...money, reason: reason ?? 'payment failed' };
      break;
    case 'refund.succeeded':
      normalized = { kind: 'refund_succeeded', ...money, refundRef: body.string('refundRef') };
      break;
    case 'dispute.opened':
      normalized = { kind: 'dispute_opened', ...money, disputeRef: body.optionalString('disputeRef') ?? eventId, reason: reason ?? 'dispute opened' };
      break;
    case 'fee.charged':
      normalized = { kind: 'fee_charged', ...money };
      break;
  }
  return { provider: 'generic', eventId, providerType: type, occurredAt: occurred.instant, normalized };
}

function hintsOf(body: JsonObject): MatchHints {
  const hints = body.optionalObject('hints');
  if (hints === undefined) {
    if (body.has('hints')) bodyInvalid('generic', 'hints must be an object');
    return {};
  }
  refuseUnknown(hints, HINT_FIELDS, 'hints.');
  for (const key of HINT_FIELDS) hints.optionalString(key, limits.remarksCharsMax);
  return cleanHints(hints.fields);
}

function refuseUnknown(object: JsonObject, known: ReadonlySet<string>, prefix: string): void {
  const unknown = Object.keys(object.fields).find((key) => !known.has(key));
  if (unknown !== undefined) bodyInvalid('generic', `${prefix}${unknown.slice(0, 40)} is not a field of the generic webhook`);
}

function amountOf(decimal: string, currency: string, field: string, allowZero: boolean): bigint {
  try {
    assertCurrency(currency);
    return parseAmountMinor(decimal, currency, { allowZero });
  } catch (error) {
    if (isKxError(error)) return bodyInvalid('generic', `${field}: ${error.message}`, error);
    throw error;
  }
}
