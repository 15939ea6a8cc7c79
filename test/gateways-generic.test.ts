import { describe, expect, it } from 'vitest';
import { signGeneric, providerAnswer, verifyNotification } from '../src/adapters/gateways/index.js';
import { isKxError, type ErrorCode } from '../src/core/errors.js';
import type { GatewayCredentials, InboundNotification } from '../src/core/gateways/event.js';
import { limits } from '../src/core/limits.js';

/**
 * The generic HMAC webhook: `Kx-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t.rawBody)>`, ±300 s, and a
 * strictly checked JSON body. Every refusal carries one of the three webhook codes.
 */
const SECRET = 'whsec_generic_current';
const OLD_SECRET = 'whsec_generic_previous';
const NOW_MS = Date.UTC(2026, 10, 27, 9, 0, 0);
const T = NOW_MS / 1000;
const credentials: GatewayCredentials = { provider: 'generic', hmacSecrets: [SECRET] };

const payment = {
  id: 'evt-1001',
  type: 'payment.succeeded',
  occurredAt: '2026-11-27T16:59:00+08:00',
  amount: '1234.56',
  currency: 'CNY',
  paymentRef: 'PAY-88',
  fee: '7.41',
  hints: { orderNumber: 'SO-2026-000042', payerName: '上海某某科技有限公司', payerAccount: '6222 0000 1111' },
};

function delivery(body: object | string, header?: string): InboundNotification {
  const rawBody = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  return { rawBody, headers: { 'content-type': 'application/json', 'kx-signature': header ?? signGeneric(SECRET, rawBody, T) } };
}

function refusal(run: () => unknown): { code: ErrorCode; message: string } {
  try {
    run();
  } catch (error) {
    if (isKxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('generic HMAC webhook: verified events', () => {
  it('a signed payment becomes payment_succeeded in minor units, with its fee and hints', () => {
    const event = verifyNotification('generic', delivery(payment), credentials, NOW_MS);
    expect(event).toMatchObject({ provider: 'generic', eventId: 'evt-1001', providerType: 'payment.succeeded', occurredAt: '2026-11-27T08:59:00.000Z' });
    expect(event.normalized).toEqual({
      kind: 'payment_succeeded',
      amountMinor: 123456n,
      feeMinor: 741n,
      currency: 'CNY',
      // No date given: the UTC date of occurredAt.
      date: '2026-11-27',
      paymentRef: 'PAY-88',
      hints: { orderNumber: 'SO-2026-000042', payerName: '上海某某科技有限公司', payerAccount: '6222 0000 1111' },
    });
    expect(event.verification?.method).toBe('hmac-sha256');
  });

  it.each([
    ['payment.failed', { reason: 'card declined' }, { kind: 'payment_failed', reason: 'card declined' }],
    ['refund.succeeded', { refundRef: 'RF-9' }, { kind: 'refund_succeeded', refundRef: 'RF-9' }],
    ['dispute.opened', { disputeRef: 'DP-3', reason: 'fraudulent' }, { kind: 'dispute_opened', disputeRef: 'DP-3', reason: 'fraudulent' }],
    ['fee.charged', {}, { kind: 'fee_charged' }],
  ])('%s', (type, extra, expected) => {
    const body = { id: `evt-${type}`, type, occurredAt: '2026-11-27T08:00:00Z', date: '2026-11-26', amount: '5', currency: 'JPY', paymentRef: 'PAY-1', ...extra };
    const event = verifyNotification('generic', delivery(body), credentials, NOW_MS);
    expect(event.normalized).toEqual({ ...expected, amountMinor: 5n, currency: 'JPY', date: '2026-11-26', paymentRef: 'PAY-1', hints: {} });
  });

  it('secret rotation: an old and a new secret configured, two v1 signatures sent — any matching pair verifies', () => {
    const raw = Buffer.from(JSON.stringify(payment));
    const byOld = signGeneric(OLD_SECRET, raw, T);
    const byNew = signGeneric(SECRET, raw, T).split(',')[1];
    const both: GatewayCredentials = { provider: 'generic', hmacSecrets: [SECRET, OLD_SECRET] };
    expect(verifyNotification('generic', delivery(payment, byOld), both, NOW_MS).eventId).toBe('evt-1001');
    expect(verifyNotification('generic', delivery(payment, `${byOld},${byNew}`), credentials, NOW_MS).eventId).toBe('evt-1001');
  });

  it('the timestamp may be up to 300 s away either way', () => {
    const raw = JSON.stringify(payment);
    for (const t of [T - 300, T + 300]) {
      expect(verifyNotification('generic', delivery(raw, signGeneric(SECRET, raw, t)), credentials, NOW_MS).eventId).toBe('evt-1001');
    }
  });
});

describe('generic HMAC webhook: refusals', () => {
  const raw = JSON.stringify(payment);
  const cases: [string, () => InboundNotification, ErrorCode, string?][] = [
    ['tampered body (amount changed after signing)', () => delivery(raw.replace('1234.56', '9234.56'), signGeneric(SECRET, raw, T)), 'webhook_signature_invalid'],
    ['signed with another secret', () => delivery(raw, signGeneric('someone else', raw, T)), 'webhook_signature_invalid'],
    ['no signature header', () => ({ rawBody: Buffer.from(raw), headers: {} }), 'webhook_signature_invalid', 'missing'],
    ['header without v1', () => delivery(raw, `t=${T}`), 'webhook_signature_invalid', 'no v1'],
    ['header without t', () => delivery(raw, signGeneric(SECRET, raw, T).split(',')[1]), 'webhook_signature_invalid', 'no t='],
    ['timestamp not digits', () => delivery(raw, signGeneric(SECRET, raw, T).replace(`t=${T}`, 't=1e9')), 'webhook_signature_invalid'],
    ['signature not hex', () => delivery(raw, `t=${T},v1=zz`), 'webhook_signature_invalid'],
    ['the timestamp changed after signing', () => delivery(raw, signGeneric(SECRET, raw, T).replace(`t=${T}`, `t=${T + 1}`)), 'webhook_signature_invalid'],
    ['stale: signed 301 s ago', () => delivery(raw, signGeneric(SECRET, raw, T - 301)), 'webhook_timestamp_stale'],
    ['future: signed 301 s ahead', () => delivery(raw, signGeneric(SECRET, raw, T + 301)), 'webhook_timestamp_stale'],
    ['not JSON', () => delivery('{"id":'), 'webhook_body_invalid', 'not JSON'],
    ['a JSON array', () => delivery('[]'), 'webhook_body_invalid', 'JSON object'],
    ['unknown type', () => delivery({ ...payment, type: 'payment.pending' }), 'webhook_body_invalid', 'type must be'],
    ['unknown field', () => delivery({ ...payment, amountCents: 123456 }), 'webhook_body_invalid', 'amountCents'],
    ['unknown hint', () => delivery({ ...payment, hints: { order: 'x' } }), 'webhook_body_invalid', 'hints.order'],
    ['amount as a number', () => delivery({ ...payment, amount: 1234.56 }), 'webhook_body_invalid', 'amount'],
    ['too many decimals', () => delivery({ ...payment, amount: '1.234' }), 'webhook_body_invalid', 'decimal places'],
    ['zero amount', () => delivery({ ...payment, amount: '0.00' }), 'webhook_body_invalid', 'zero'],
    ['negative amount', () => delivery({ ...payment, amount: '-5.00' }), 'webhook_body_invalid', 'negative'],
    ['unknown currency', () => delivery({ ...payment, currency: 'ABC' }), 'webhook_body_invalid', 'ABC'],
    ['occurredAt without offset', () => delivery({ ...payment, occurredAt: '2026-11-27 08:00:00' }), 'webhook_body_invalid', 'occurredAt'],
    ['impossible date', () => delivery({ ...payment, date: '2026-02-30' }), 'webhook_body_invalid', 'date'],
    ['refund without refundRef', () => delivery({ ...payment, type: 'refund.succeeded', fee: undefined }), 'webhook_body_invalid', 'refundRef'],
    ['fee on a refund', () => delivery({ ...payment, type: 'refund.succeeded', refundRef: 'R1' }), 'webhook_body_invalid', 'fee is only'],
    ['missing paymentRef', () => delivery({ ...payment, paymentRef: undefined }), 'webhook_body_invalid', 'paymentRef'],
    ['id over the reference limit', () => delivery({ ...payment, id: 'x'.repeat(limits.referenceCharsMax + 1) }), 'webhook_body_invalid', 'id must be at most'],
    ['empty body', () => delivery(''), 'webhook_body_invalid', 'empty'],
    ['body over webhookBodyBytesMax', () => delivery(' '.repeat(limits.webhookBodyBytesMax + 1)), 'webhook_body_invalid', 'over the limit'],
  ];
  it.each(cases)('%s → %s', (_name, make, code, mentions) => {
    const { code: actual, message } = refusal(() => verifyNotification('generic', make(), credentials, NOW_MS));
    expect(actual).toBe(code);
    if (mentions !== undefined) expect(message).toContain(mentions);
  });

  it('no secret configured → signature invalid, never "anything goes"', () => {
    expect(refusal(() => verifyNotification('generic', delivery(payment), { provider: 'generic', hmacSecrets: [''] }, NOW_MS)).code).toBe('webhook_signature_invalid');
  });

  it('credentials of another provider are a programmer error, not a verification result', () => {
    expect(() => verifyNotification('generic', delivery(payment), { provider: 'stripe', webhookSecret: SECRET }, NOW_MS)).toThrow(/credentials of stripe/);
  });
});

describe('provider answers', () => {
  it.each([
    ['stripe', true, undefined, { statusCode: 200, contentType: 'application/json; charset=utf-8', body: '{"received":true}' }],
    ['generic', false, 401, { statusCode: 401, contentType: 'application/json; charset=utf-8', body: '{"received":false,"message":"bad signature"}' }],
    ['alipay', true, undefined, { statusCode: 200, contentType: 'text/plain; charset=utf-8', body: 'success' }],
    ['alipay', false, 400, { statusCode: 400, contentType: 'text/plain; charset=utf-8', body: 'fail' }],
    ['wechatpay', true, undefined, { statusCode: 200, contentType: 'application/json; charset=utf-8', body: '{"code":"SUCCESS","message":"成功"}' }],
    ['wechatpay', false, 500, { statusCode: 500, contentType: 'application/json; charset=utf-8', body: '{"code":"FAIL","message":"bad signature"}' }],
  ] as const)('%s ok=%s', (provider, ok, status, expected) => {
    expect(providerAnswer(provider, ok, 'bad signature', status)).toEqual(expected);
  });

  it('a failure answered with a 2xx would stop the retries: refused', () => {
    expect(() => providerAnswer('wechatpay', false, 'x', 200)).toThrow(/4xx or 5xx/);
  });
});
