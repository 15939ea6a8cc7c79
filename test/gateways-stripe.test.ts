import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyNotification } from '../src/adapters/gateways/index.js';
import type { ErrorCode } from '../src/core/errors.js';
import type { GatewayCredentials, InboundNotification, NormalizedGatewayEvent } from '../src/core/gateways/event.js';
import { extdata, hasExtdata, refusal } from './helpers-gateways.js';

/**
 * The seven Stripe webhook fixtures of stripe-ruby-mock (../shared/extdata/stripe), signed here with the official
 * SDK's generateTestHeaderString and verified by verifyNotification as a delivery would be.
 */
const SECRET = 'whsec_test_kuanxiang_0123456789';
const credentials: GatewayCredentials = { provider: 'stripe', webhookSecret: SECRET };
const NOW_MS = Date.UTC(2026, 10, 27, 9, 0, 0);
const NOW_S = NOW_MS / 1000;

function signed(payload: string, options: { secret?: string; timestamp?: number } = {}): InboundNotification {
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? SECRET, timestamp: options.timestamp ?? NOW_S });
  return { rawBody: Buffer.from(payload, 'utf8'), headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': header } };
}

const fixture = (type: string): string => readFileSync(extdata('stripe', `${type}.json`), 'utf8');
const verify = (delivery: InboundNotification) => verifyNotification('stripe', delivery, credentials, NOW_MS);

const ZERO = '000000000000000000000000';
const described = { description: '(created by Stripe CLI)' };

// What each fixture means for the money. The fixtures are separate snapshots, not one story (MANIFEST.md).
const expected: [type: string, date: string, normalized: NormalizedGatewayEvent][] = [
  ['charge.succeeded', '2022-03-26', { kind: 'payment_succeeded', amountMinor: 2000n, currency: 'USD', date: '2022-03-26', paymentRef: `pi_${ZERO}`, hints: described }],
  ['payment_intent.succeeded', '2022-03-26', { kind: 'payment_succeeded', amountMinor: 2000n, currency: 'USD', date: '2022-03-26', paymentRef: `pi_${ZERO}`, hints: described }],
  ['payment_intent.payment_failed', '2022-03-26', { kind: 'payment_failed', amountMinor: 2000n, currency: 'USD', date: '2022-03-26', paymentRef: `pi_${ZERO}`, reason: 'Your card was declined.', hints: described }],
  ['charge.failed', '2022-03-26', { kind: 'payment_failed', amountMinor: 2000n, currency: 'USD', date: '2022-03-26', paymentRef: `pi_${ZERO}`, reason: 'Your card was declined.', hints: described }],
  // The refund's own amount and id (re_…), not the charge's running amount_refunded.
  ['charge.refunded', '2022-03-26', { kind: 'refund_succeeded', amountMinor: 100n, currency: 'USD', date: '2022-03-26', paymentRef: `ch_${ZERO}`, refundRef: `re_${ZERO}`, hints: described }],
  // Its metadata has order_id, which is not one of our hint keys.
  ['charge.refund.updated', '2022-03-26', { kind: 'refund_succeeded', amountMinor: 100n, currency: 'USD', date: '2022-03-26', paymentRef: `ch_${ZERO}`, refundRef: `re_${ZERO}`, hints: {} }],
  ['charge.dispute.created', '2022-03-26', { kind: 'dispute_opened', amountMinor: 100n, currency: 'USD', date: '2022-03-26', paymentRef: `ch_${ZERO}`, disputeRef: `dp_${ZERO}`, reason: 'fraudulent', hints: {} }],
];

describe.skipIf(!hasExtdata)('Stripe: the seven real fixtures, signed with the official SDK', () => {
  it.each(expected)('%s', (type, date, normalized) => {
    const raw = fixture(type);
    const event = verify(signed(raw));
    expect(event).toMatchObject({ provider: 'stripe', eventId: `evt_${ZERO}`, providerType: type });
    expect(event.occurredAt.slice(0, 10)).toBe(date);
    expect(event.occurredAt).toBe(new Date(JSON.parse(raw).created * 1000).toISOString());
    expect(event.normalized).toEqual(normalized);
  });

  it('charge.succeeded and payment_intent.succeeded of one payment share a paymentRef (the ingest layer dedupes on it)', () => {
    const refs = ['charge.succeeded', 'payment_intent.succeeded'].map((type) => verify(signed(fixture(type))).normalized);
    expect(refs[0]?.kind).toBe('payment_succeeded');
    expect(refs[0]?.paymentRef).toBe(refs[1]?.paymentRef);
  });

  const refusals: [string, ErrorCode, () => InboundNotification, string][] = [
    ['tampered body (amount 2000 → 9000 after signing)', 'webhook_signature_invalid', () => ({ ...signed(fixture('charge.succeeded')), rawBody: Buffer.from(fixture('charge.succeeded').replace('"amount": 2000', '"amount": 9000')) }), 'No signatures found matching'],
    ['signed with another endpoint secret', 'webhook_signature_invalid', () => signed(fixture('charge.succeeded'), { secret: 'whsec_someone_else' }), 'No signatures found matching'],
    ['no Stripe-Signature header', 'webhook_signature_invalid', () => ({ rawBody: Buffer.from(fixture('charge.succeeded')), headers: {} }), 'missing'],
    ['stale: signed 301 s before now', 'webhook_timestamp_stale', () => signed(fixture('charge.succeeded'), { timestamp: NOW_S - 301 }), 'more than 300 s'],
    ['future: signed 301 s after now', 'webhook_timestamp_stale', () => signed(fixture('charge.succeeded'), { timestamp: NOW_S + 301 }), 'more than 300 s'],
    ['signed, but not JSON', 'webhook_body_invalid', () => signed('{"id": "evt_1", '), 'not JSON'],
    ['signed, but a v2 thin event', 'webhook_body_invalid', () => signed('{"id":"evt_1","object":"v2.core.event","type":"v1.billing.meter.error_report_triggered"}'), 'thin event'],
    ['signed JSON without data.object', 'webhook_body_invalid', () => signed('{"id":"evt_1","type":"charge.succeeded","created":1648320032,"data":{}}'), 'data.object'],
    ['signed, amount as a string', 'webhook_body_invalid', () => signed(fixture('charge.succeeded').replace('"amount_captured": 2000', '"amount_captured": "2000"')), 'data.object.amount_captured'],
  ];
  it.each(refusals)('%s → %s', (_name, code, make, mentions) => {
    const { code: actual, message } = refusal(() => verify(make()));
    expect(actual).toBe(code);
    expect(message).toContain(mentions);
  });

  it('300 s either way is still fresh', () => {
    for (const timestamp of [NOW_S - 300, NOW_S + 300]) expect(verify(signed(fixture('charge.succeeded'), { timestamp })).eventId).toBe(`evt_${ZERO}`);
  });
});

/** Variations of the fixtures for what they do not show: fees, other currencies, partial refunds, authorisations. */
describe.skipIf(!hasExtdata)('Stripe: normalization beyond the fixtures', () => {
  // The fixtures are free-form JSON edited in place; typing Stripe's whole event shape here would add nothing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const variant = (type: string, change: (event: Record<string, any>) => void) => {
    const event = JSON.parse(fixture(type));
    change(event);
    return verify(signed(JSON.stringify(event))).normalized;
  };

  it('an expanded balance_transaction gives the fee, in the payment currency only', () => {
    const withFee = variant('charge.succeeded', (e) => (e.data.object.balance_transaction = { id: 'txn_1', object: 'balance_transaction', amount: 2000, currency: 'usd', fee: 88 }));
    expect(withFee).toMatchObject({ kind: 'payment_succeeded', amountMinor: 2000n, feeMinor: 88n });
    const settledInEur = variant('charge.succeeded', (e) => (e.data.object.balance_transaction = { id: 'txn_1', amount: 1840, currency: 'eur', fee: 81 }));
    expect(settledInEur).not.toHaveProperty('feeMinor');
    const onIntent = variant('payment_intent.succeeded', (e) => (e.data.object.charges.data[0].balance_transaction = { id: 'txn_1', currency: 'usd', fee: 88 }));
    expect(onIntent).toMatchObject({ paymentRef: `pi_${ZERO}`, feeMinor: 88n });
  });

  it.each([
    ['jpy', 5000, 'JPY', 5000n],
    ['krw', 12000, 'KRW', 12000n],
    ['kwd', 12340, 'KWD', 12340n],
    // Stripe keeps ISK two-decimal (multiples of 100); ISO 4217 and our ledger say 0 decimals.
    ['isk', 50000, 'ISK', 500n],
    // Stripe treats MGA as zero-decimal; ISO 4217 gives it 2.
    ['mga', 5000, 'MGA', 500000n],
  ])('%s %d in Stripe units → %s %d minor', (stripeCurrency, amount, currency, amountMinor) => {
    const normalized = variant('charge.succeeded', (e) => Object.assign(e.data.object, { currency: stripeCurrency, amount, amount_captured: amount }));
    expect(normalized).toMatchObject({ amountMinor, currency });
  });

  it('a fractional ISK amount cannot be booked: body invalid', () => {
    expect(refusal(() => variant('charge.succeeded', (e) => Object.assign(e.data.object, { currency: 'isk', amount: 50050, amount_captured: 50050 }))).code).toBe('webhook_body_invalid');
  });

  it('hints from metadata, billing details and the Stripe customer', () => {
    const normalized = variant('payment_intent.succeeded', (e) => {
      e.data.object.metadata = { order_number: 'SO-2026-000042', customer_code: 'C-0007' };
      e.data.object.customer = 'cus_123';
      e.data.object.charges.data[0].billing_details = { name: 'Jenny Rosen', email: 'jenny@example.com' };
    });
    expect(normalized?.kind === 'payment_succeeded' && normalized.hints).toEqual({
      orderNumber: 'SO-2026-000042',
      customerCode: 'C-0007',
      payerName: 'Jenny Rosen',
      payerEmail: 'jenny@example.com',
      payerAccount: 'cus_123',
      description: '(created by Stripe CLI)',
    });
  });

  it('a partially captured intent counts amount_received', () => {
    expect(variant('payment_intent.succeeded', (e) => (e.data.object.amount_received = 1500))).toMatchObject({ amountMinor: 1500n });
  });

  it('an uncaptured charge is an authorisation only: stored, nothing to post', () => {
    expect(variant('charge.succeeded', (e) => Object.assign(e.data.object, { captured: false, amount_captured: 0 }))).toBeNull();
  });

  it('a second partial refund: the refund this event added (60), not amount_refunded (100)', () => {
    const normalized = variant('charge.refunded', (e) => {
      const first = { ...e.data.object.refunds.data[0], id: 're_first', amount: 40, created: 1648319949 };
      const second = { ...first, id: 're_second', amount: 60, created: 1648320000 };
      Object.assign(e.data.object, { amount: 100, amount_refunded: 100, refunds: { object: 'list', data: [second, first] } });
      e.data.previous_attributes = { amount_refunded: 40, refunds: { data: [first] } };
    });
    expect(normalized).toMatchObject({ kind: 'refund_succeeded', amountMinor: 60n, refundRef: 're_second' });
  });

  it('a refund still pending, and charge.refunded without its refunds list (API 2022-11-15+): stored, nothing to post', () => {
    expect(variant('charge.refund.updated', (e) => (e.data.object.status = 'pending'))).toBeNull();
    expect(variant('charge.refunded', (e) => delete e.data.object.refunds)).toBeNull();
  });

  it('refund.updated (newer API) normalizes like charge.refund.updated, to the same refundRef', () => {
    expect(variant('charge.refund.updated', (e) => (e.type = 'refund.updated'))).toMatchObject({ kind: 'refund_succeeded', refundRef: `re_${ZERO}` });
  });

  it('a type we do not act on is verified and stored with normalized null', () => {
    const event = verify(signed(JSON.stringify({ id: 'evt_payout', object: 'event', type: 'payout.paid', created: 1648320032, data: { object: { id: 'po_1' } } })));
    expect(event).toMatchObject({ eventId: 'evt_payout', providerType: 'payout.paid', normalized: null });
  });
});
