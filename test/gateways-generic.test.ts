import { describe, expect, it } from 'vitest';
import { signGeneric, providerAnswer, verifyNotification } from '../src/adapters/gateways/index.js';
import type { ErrorCode } from '../src/core/errors.js';
import type { GatewayCredentials, InboundNotification } from '../src/core/gateways/event.js';
import { limits } from '../src/core/limits.js';
import { refusal } from './helpers-gateways.js';

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
  const cases: [string, ErrorCode, () => InboundNotification, string?][] = [
    ['tampered body (amount changed after signing)', 'webhook_signature_invalid', () => delivery(raw.replace('1234.56', '9234.56'), signGeneric(SECRET, raw, T))],
    ['signed with another secret', 'webhook_signature_invalid', () => delivery(raw, signGeneric('someone else', raw, T))],
    ['no signature header', 'webhook_signature_invalid', () => ({ rawBody: Buffer.from(raw), headers: {} }), 'missing'],
    ['header without v1', 'webhook_signature_invalid', () => delivery(raw, `t=${T}`), 'no v1'],
    ['header without t', 'webhook_signature_invalid', () => delivery(raw, signGeneric(SECRET, raw, T).split(',')[1]), 'no t='],
    ['timestamp not digits', 'webhook_signature_invalid', () => delivery(raw, signGeneric(SECRET, raw, T).replace(`t=${T}`, 't=1e9'))],
    ['signature not hex', 'webhook_signature_invalid', () => delivery(raw, `t=${T},v1=zz`)],
    ['the timestamp changed after signing', 'webhook_signature_invalid', () => delivery(raw, signGeneric(SECRET, raw, T).replace(`t=${T}`, `t=${T + 1}`))],
    ['stale: signed 301 s ago', 'webhook_timestamp_stale', () => delivery(raw, signGeneric(SECRET, raw, T - 301))],
    ['future: signed 301 s ahead', 'webhook_timestamp_stale', () => delivery(raw, signGeneric(SECRET, raw, T + 301))],
    ['not JSON', 'webhook_body_invalid', () => delivery('{"id":'), 'not JSON'],
    ['a JSON array', 'webhook_body_invalid', () => delivery('[]'), 'JSON object'],
    ['unknown type', 'webhook_body_invalid', () => delivery({ ...payment, type: 'payment.pending' }), 'type must be'],
    ['unknown field', 'webhook_body_invalid', () => delivery({ ...payment, amountCents: 123456 }), 'amountCents'],
    ['unknown hint', 'webhook_body_invalid', () => delivery({ ...payment, hints: { order: 'x' } }), 'hints.order'],
    ['amount as a number', 'webhook_body_invalid', () => delivery({ ...payment, amount: 1234.56 }), 'amount'],
    ['too many decimals', 'webhook_body_invalid', () => delivery({ ...payment, amount: '1.234' }), 'decimal places'],
    ['zero amount', 'webhook_body_invalid', () => delivery({ ...payment, amount: '0.00' }), 'zero'],
    ['negative amount', 'webhook_body_invalid', () => delivery({ ...payment, amount: '-5.00' }), 'negative'],
    ['unknown currency', 'webhook_body_invalid', () => delivery({ ...payment, currency: 'ABC' }), 'ABC'],
    ['occurredAt without offset', 'webhook_body_invalid', () => delivery({ ...payment, occurredAt: '2026-11-27 08:00:00' }), 'occurredAt'],
    ['impossible date', 'webhook_body_invalid', () => delivery({ ...payment, date: '2026-02-30' }), 'date'],
    ['refund without refundRef', 'webhook_body_invalid', () => delivery({ ...payment, type: 'refund.succeeded', fee: undefined }), 'refundRef'],
    ['fee on a refund', 'webhook_body_invalid', () => delivery({ ...payment, type: 'refund.succeeded', refundRef: 'R1' }), 'fee is only'],
    ['missing paymentRef', 'webhook_body_invalid', () => delivery({ ...payment, paymentRef: undefined }), 'paymentRef'],
    ['id over the reference limit', 'webhook_body_invalid', () => delivery({ ...payment, id: 'x'.repeat(limits.referenceCharsMax + 1) }), 'id must be at most'],
    ['empty body', 'webhook_body_invalid', () => delivery(''), 'empty'],
    ['body over webhookBodyBytesMax', 'webhook_body_invalid', () => delivery(' '.repeat(limits.webhookBodyBytesMax + 1)), 'over the limit'],
  ];
  it.each(cases)('%s → %s', (_name, code, make, mentions) => {
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

describe('generic HMAC webhook: bytes, not text', () => {
  it('a signed body that is not valid UTF-8 is refused, not read with replacement characters', () => {
    const raw = Buffer.concat([Buffer.from(JSON.stringify(payment).slice(0, -1)), Buffer.from(',"x":"\xff"}', 'latin1')]);
    expect(refusal(() => verifyNotification('generic', { rawBody: raw, headers: { 'kx-signature': signGeneric(SECRET, raw, T) } }, credentials, NOW_MS))).toMatchObject({ code: 'webhook_body_invalid', message: expect.stringContaining('UTF-8') });
  });
});
