import Stripe from 'stripe';
import type { InboundNotification, MatchHints, NormalizedGatewayEvent, VerifiedGatewayEvent } from '../../core/gateways/event.js';
import { currencyExponent, isCurrency, MAX_AMOUNT_MINOR } from '../../core/money/index.js';
import {
  assertSignedTimeFresh,
  bodyInvalid,
  cleanHints,
  headerOf,
  isoInstant,
  JsonObject,
  signatureInvalid,
  unixSeconds,
} from './common.js';

/*
 * Stripe webhooks, verified by the official SDK (Stripe.webhooks.constructEvent: HMAC-SHA256 of "t.rawBody" with
 * the endpoint's whsec_ secret, compared in constant time) and normalized from the event's data.object.
 *
 * One payment, one paymentRef: Stripe reports a card payment twice, as payment_intent.succeeded and as
 * charge.succeeded, with different event ids. Both normalize to the same paymentRef (the PaymentIntent id when
 * the charge has one, else the charge id), and refunds and disputes carry the same ref, so the ingest layer dedupes
 * payments by paymentRef, not by event id.
 */

const SIGNATURE_HEADER_CHARS_MAX = 4_096;

export function verifyStripe(notification: InboundNotification, credentials: { webhookSecret: string }, nowMs: number): VerifiedGatewayEvent {
  const header = headerOf(notification.headers, 'stripe-signature');
  if (header === undefined) return signatureInvalid('stripe', 'the Stripe-Signature header is missing');
  if (header.length > SIGNATURE_HEADER_CHARS_MAX) return signatureInvalid('stripe', 'the Stripe-Signature header is too long');
  if (credentials.webhookSecret.trim() === '') return signatureInvalid('stripe', 'no webhook secret is configured for this integration');
  let parsed: unknown;
  try {
    // Tolerance 0 turns off the SDK's age check, which looks only into the past; assertSignedTimeFresh below
    // checks both directions with the same 300 s as the other providers, and says "stale" rather than "invalid".
    parsed = Stripe.webhooks.constructEvent(notification.rawBody, header, credentials.webhookSecret, 0);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      return signatureInvalid('stripe', error.message.split('\n')[0] ?? 'signature mismatch');
    }
    // The SDK parses only after the signature matched: a SyntaxError here is a genuine body that is not JSON, and
    // the SDK's plain Error about a "thin event" is a v2 event notification sent to a v1 webhook endpoint.
    if (error instanceof SyntaxError) return bodyInvalid('stripe', 'body is not JSON', error);
    if (error instanceof Error && error.message.includes('thin event')) return bodyInvalid('stripe', 'a v2 thin event notification, not a webhook event', error);
    throw error;
  }
  const signedAt = signedTimestamp(header);
  if (signedAt === undefined) return signatureInvalid('stripe', 'the Stripe-Signature timestamp is not Unix seconds');
  assertSignedTimeFresh('stripe', signedAt, nowMs);
  return { ...normalizeStripeEvent(parsed), verification: { method: 'stripe-sdk hmac-sha256', detail: `Stripe-Signature t=${signedAt}` } };
}

/** The t= the SDK verified: like the SDK, the last one if the header repeats it. */
function signedTimestamp(header: string): number | undefined {
  let t: string | undefined;
  for (const part of header.split(',')) if (part.startsWith('t=')) t = part.slice(2);
  return unixSeconds(t);
}

export function normalizeStripeEvent(parsed: unknown): VerifiedGatewayEvent {
  const event = JsonObject.of('stripe', parsed, '');
  const eventId = event.string('id');
  const type = event.string('type');
  const createdMs = event.integer('created') * 1000;
  const data = event.object('data');
  const object = data.object('object');
  const date = isoInstant(createdMs).slice(0, 10);
  return {
    provider: 'stripe',
    eventId,
    providerType: type,
    occurredAt: isoInstant(createdMs),
    normalized: normalize(type, object, data, date),
  };
}

function normalize(type: string, object: JsonObject, data: JsonObject, date: string): NormalizedGatewayEvent | null {
  switch (type) {
    case 'payment_intent.succeeded':
      return intentSucceeded(object, date);
    case 'charge.succeeded':
    case 'charge.captured':
      return chargeSucceeded(object, date);
    case 'payment_intent.payment_failed': {
      const error = object.optionalObject('last_payment_error');
      const reason = error?.optionalString('message', 500) ?? error?.optionalString('code') ?? 'payment failed';
      return { kind: 'payment_failed', ...amountOf(object, 'amount'), date, paymentRef: object.string('id'), reason, hints: intentHints(object) };
    }
    case 'charge.failed': {
      const reason = object.optionalString('failure_message', 500) ?? object.optionalString('failure_code') ?? 'charge failed';
      return { kind: 'payment_failed', ...amountOf(object, 'amount'), date, paymentRef: chargePaymentRef(object), reason, hints: chargeHints(object) };
    }
    case 'charge.refunded':
      return chargeRefunded(object, data, date);
    case 'charge.refund.updated':
    case 'refund.created':
    case 'refund.updated':
      return refundSucceeded(object, date);
    case 'charge.dispute.created': {
      const paymentRef = object.idOf('payment_intent') ?? object.idOf('charge');
      if (paymentRef === undefined) return bodyInvalid('stripe', 'data.object names neither a payment_intent nor a charge');
      const reason = object.optionalString('reason') ?? 'dispute opened';
      return { kind: 'dispute_opened', ...amountOf(object, 'amount'), date, paymentRef, disputeRef: object.string('id'), reason, hints: metadataHints(object) };
    }
    default:
      // Stored for the record (payouts, customers, invoices …), nothing to post.
      return null;
  }
}

function intentSucceeded(intent: JsonObject, date: string): NormalizedGatewayEvent | null {
  // amount_received is what was captured; with manual or partial capture it is less than amount.
  const received = intent.has('amount_received') ? intent.integer('amount_received') : 0;
  const money = amountOf(intent, received > 0 ? 'amount_received' : 'amount');
  if (money.amountMinor === 0n) return null;
  const charge = latestCharge(intent);
  const fee = charge === undefined ? undefined : feeOf(charge, money.currency);
  return { kind: 'payment_succeeded', ...money, date, paymentRef: intent.string('id'), hints: intentHints(intent), ...(fee === undefined ? {} : { feeMinor: fee }) };
}

function chargeSucceeded(charge: JsonObject, date: string): NormalizedGatewayEvent | null {
  // An uncaptured charge is only an authorisation: the money arrives with charge.captured.
  if (charge.fields.captured === false) return null;
  const captured = charge.has('amount_captured') ? charge.integer('amount_captured') : 0;
  const money = amountOf(charge, captured > 0 ? 'amount_captured' : 'amount');
  if (money.amountMinor === 0n) return null;
  const fee = feeOf(charge, money.currency);
  return { kind: 'payment_succeeded', ...money, date, paymentRef: chargePaymentRef(charge), hints: chargeHints(charge), ...(fee === undefined ? {} : { feeMinor: fee }) };
}

/**
 * charge.refunded fires on every refund of the charge, full or partial, and carries the charge, whose
 * amount_refunded is the running total. Posting that total would count the first refund again at the second, so
 * the refund posted is the one this event added (the refund in refunds.data not listed in previous_attributes),
 * with its own amount and id — the same refundRef charge.refund.updated and refund.updated carry, so the ingest
 * layer dedupes on it. API versions from 2022-11-15 leave refunds out of the charge: then this event cannot name
 * its refund and is stored only; refund.created / refund.updated carry it.
 */
function chargeRefunded(charge: JsonObject, data: JsonObject, date: string): NormalizedGatewayEvent | null {
  const listed = refundsOf(charge);
  if (listed === undefined) return null;
  const previous = data.optionalObject('previous_attributes')?.optionalObject('refunds');
  const before = new Set((previous === undefined ? [] : refundsOf(previous) ?? []).map((refund) => refund.optionalString('id')));
  const added = listed.filter((refund) => !before.has(refund.optionalString('id')));
  // Stripe lists refunds newest first; the newest added one is this event's.
  const newest = added.reduce<JsonObject | undefined>((best, refund) => (best === undefined || refund.integer('created') > best.integer('created') ? refund : best), undefined);
  return newest === undefined ? null : refundSucceeded(newest, date, charge);
}

function refundsOf(holder: JsonObject): JsonObject[] | undefined {
  const list = holder.optionalObject('refunds');
  const items = list?.fields.data;
  if (list === undefined || !Array.isArray(items)) return undefined;
  return items.map((item, index) => JsonObject.of('stripe', item, `refunds.data.${index}`));
}

/** A refund object: money back to the payer only once its status is succeeded (pending refunds come back as updated). */
function refundSucceeded(refund: JsonObject, date: string, charge?: JsonObject): NormalizedGatewayEvent | null {
  if (refund.optionalString('status') !== 'succeeded') return null;
  const paymentRef = refund.idOf('payment_intent') ?? refund.idOf('charge') ?? (charge === undefined ? undefined : chargePaymentRef(charge));
  if (paymentRef === undefined) return bodyInvalid('stripe', 'the refund names neither a payment_intent nor a charge');
  const money = amountOf(refund, 'amount');
  if (money.amountMinor === 0n) return null;
  const hints = cleanHints({ ...chargeHintsRaw(charge), ...metadataHintsRaw(refund) });
  return { kind: 'refund_succeeded', ...money, date, paymentRef, refundRef: refund.string('id'), hints };
}

function chargePaymentRef(charge: JsonObject): string {
  return charge.idOf('payment_intent') ?? charge.string('id');
}

/** The charge of a PaymentIntent: latest_charge when expanded (API 2022-11-15+), else the older embedded list. */
function latestCharge(intent: JsonObject): JsonObject | undefined {
  const latest = intent.optionalObject('latest_charge');
  if (latest !== undefined) return latest;
  const data = intent.optionalObject('charges')?.fields.data;
  return Array.isArray(data) && data.length > 0 ? JsonObject.of('stripe', data[0], 'charges.data.0') : undefined;
}

/**
 * Stripe's fee, when the webhook endpoint expands balance_transaction. The fee is in the settlement currency: a
 * fee in another currency than the payment cannot be posted beside it without a rate, so it is left out and the
 * fee arrives with the payout reconciliation instead.
 */
function feeOf(charge: JsonObject, paymentCurrency: string): bigint | undefined {
  const transaction = charge.optionalObject('balance_transaction');
  if (transaction === undefined || !transaction.has('fee')) return undefined;
  const fee = amountOf(transaction, 'fee');
  return fee.currency === paymentCurrency ? fee.amountMinor : undefined;
}

/*
 * Stripe's amounts are integers in "the smallest currency unit" by Stripe's own list, which agrees with ISO 4217
 * (our currencyExponent) except for ISK, which Stripe keeps two-decimal although ISO says 0 (amounts must be
 * multiples of 100), and MGA, which Stripe treats as zero-decimal although ISO says 2. The table below is
 * Stripe's (docs.stripe.com/currencies); the conversion is exact or refused.
 */
const STRIPE_ZERO_DECIMAL: ReadonlySet<string> = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);
const STRIPE_THREE_DECIMAL: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

function stripeExponent(currency: string): number {
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  return STRIPE_THREE_DECIMAL.has(currency) ? 3 : 2;
}

function amountOf(object: JsonObject, field: string): { amountMinor: bigint; currency: string } {
  const stripeAmount = BigInt(object.integer(field));
  const currency = object.string('currency', 3).toUpperCase();
  if (!isCurrency(currency)) return bodyInvalid('stripe', `currency ${currency} is not one this system accepts`);
  const shift = stripeExponent(currency) - currencyExponent(currency);
  let amountMinor = stripeAmount;
  if (shift > 0) {
    const unit = 10n ** BigInt(shift);
    if (stripeAmount % unit !== 0n) return bodyInvalid('stripe', `${field} ${stripeAmount} ${currency} has a fraction ${currency} does not have`);
    amountMinor = stripeAmount / unit;
  } else if (shift < 0) {
    amountMinor = stripeAmount * 10n ** BigInt(-shift);
  }
  if (amountMinor > MAX_AMOUNT_MINOR) return bodyInvalid('stripe', `${field} is outside the allowed range`);
  return { amountMinor, currency };
}

type RawHints = { [K in keyof MatchHints]?: unknown };

function metadataHintsRaw(object: JsonObject): RawHints {
  const metadata = object.optionalObject('metadata')?.fields ?? {};
  return defined({
    orderNumber: metadata.order_number ?? metadata.orderNumber,
    customerCode: metadata.customer_code ?? metadata.customerCode,
    customerId: metadata.customer_id ?? metadata.customerId,
  });
}

function metadataHints(object: JsonObject): MatchHints {
  return cleanHints(metadataHintsRaw(object));
}

function chargeHintsRaw(charge: JsonObject | undefined): RawHints {
  if (charge === undefined) return {};
  const billing = charge.optionalObject('billing_details');
  return defined({
    ...metadataHintsRaw(charge),
    payerName: billing?.fields.name,
    payerEmail: billing?.fields.email ?? charge.fields.receipt_email,
    // The Stripe customer (cus_…) is the payer's stable account at Stripe: what payer aliases learn from.
    payerAccount: charge.idOf('customer'),
    description: charge.fields.description,
  });
}

function chargeHints(charge: JsonObject): MatchHints {
  return cleanHints(chargeHintsRaw(charge));
}

function intentHintsRaw(intent: JsonObject): RawHints {
  return defined({
    ...metadataHintsRaw(intent),
    payerEmail: intent.fields.receipt_email,
    payerAccount: intent.idOf('customer'),
    description: intent.fields.description,
  });
}

function intentHints(intent: JsonObject): MatchHints {
  return cleanHints({ ...chargeHintsRaw(latestCharge(intent)), ...intentHintsRaw(intent) });
}

/** Drops null and undefined, so spreading the intent's hints over the charge's keeps the charge's where the intent has none. */
function defined(raw: RawHints): RawHints {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== null));
}
