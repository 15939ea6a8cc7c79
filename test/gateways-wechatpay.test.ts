import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyNotification } from '../src/adapters/gateways/index.js';
import { decryptResource } from '../src/adapters/gateways/wechatpay.js';
import type { ErrorCode } from '../src/core/errors.js';
import type { GatewayCredentials, InboundNotification } from '../src/core/gateways/event.js';
import { extdata, hasExtdata, refusal, rsaKeyPair, sealWechatpayResource, wechatpayDelivery } from './helpers-gateways.js';

/**
 * WeChat Pay API v3 notifications. The real vector of wechatpay-go (../shared/extdata/wechatpay_v3): a PayScore
 * event signed by WeChat's test platform certificate at a known time, with a 16-byte API v3 key. Payments and
 * refunds, which the vector does not have, are signed here with a generated platform key.
 */

describe.skipIf(!hasExtdata)('WeChat Pay: the real signed notification', () => {
  const vector = hasExtdata ? JSON.parse(readFileSync(extdata('wechatpay_v3', 'vector.json'), 'utf8')) : {};
  const rawBody = hasExtdata ? readFileSync(extdata('wechatpay_v3', 'notify_body.json')) : Buffer.alloc(0);
  const certificatePem = hasExtdata ? readFileSync(extdata('wechatpay_v3', 'wechatpay_platform_cert.pem'), 'utf8') : '';
  const signedAtMs: number = vector.now_unix * 1000;
  const headers: Record<string, string> = Object.fromEntries(Object.entries(vector.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const credentials: GatewayCredentials = { provider: 'wechatpay', apiV3Key: vector.mch_apiv3_key, platformCertificates: [{ serial: headers['wechatpay-serial']!, pem: certificatePem }] };
  const delivery = (change: Partial<InboundNotification> = {}): InboundNotification => ({ rawBody, headers, ...change });
  const verify = (notification: InboundNotification, nowMs = signedAtMs, creds = credentials) => verifyNotification('wechatpay', notification, creds, nowMs);

  it('verifies at the time it was signed: a PayScore event, stored with nothing to post', () => {
    const event = verify(delivery());
    expect(event).toMatchObject({
      provider: 'wechatpay',
      eventId: vector.expected.id,
      providerType: vector.expected.event_type,
      occurredAt: '2021-06-24T08:37:26.000Z',
      normalized: null,
      verification: { method: 'wechatpay-rsa-sha256+aes-gcm', detail: expect.stringContaining('D7CE59D1F522D701') },
    });
    expect(JSON.parse(event.readablePayload!).resource).toMatchObject({ original_type: 'payscore', plaintext: vector.expected['resource.plaintext'] });
  });

  it('its resource decrypts (AES-128-GCM with the 16-byte test key) to the expected plaintext', () => {
    const resource = JSON.parse(rawBody.toString('utf8')).resource;
    expect(resource.associated_data).toBe(vector.expected['resource.associated_data']);
    expect(decryptResource(resource, vector.mch_apiv3_key)).toBe(vector.expected['resource.plaintext']);
  });

  it('300 s either side of the signing time is still fresh', () => {
    expect(verify(delivery(), signedAtMs - 300_000).eventId).toBe(vector.expected.id);
    expect(verify(delivery(), signedAtMs + 300_000).eventId).toBe(vector.expected.id);
  });

  const otherKey = rsaKeyPair().publicKeyPem;
  const refusals: [string, ErrorCode, () => ReturnType<typeof verify>, string][] = [
    ['today (signed in 2021)', 'webhook_timestamp_stale', () => verify(delivery(), Date.now()), 'more than 300 s'],
    ['301 s after signing', 'webhook_timestamp_stale', () => verify(delivery(), signedAtMs + 301_000), 'more than 300 s'],
    ['301 s before signing (a clock far ahead)', 'webhook_timestamp_stale', () => verify(delivery(), signedAtMs - 301_000), 'more than 300 s'],
    ['a serial no certificate is configured for', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-serial': '5157F09EFDC096DE15EBE81A47057A72' } })), 'no platform certificate'],
    ['the right serial, but another key under it', 'webhook_signature_invalid', () => verify(delivery(), signedAtMs, { ...credentials, platformCertificates: [{ serial: 'D7CE59D1F522D701', pem: otherKey }] }), 'does not match'],
    ['a tampered body (summary changed)', 'webhook_signature_invalid', () => verify(delivery({ rawBody: Buffer.from(rawBody.toString('utf8').replace('签约成功', '支付成功')) })), 'does not match'],
    ['a changed timestamp header', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-timestamp': String(vector.now_unix + 1) } })), 'does not match'],
    ['a changed nonce header', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-nonce': 'X' + headers['wechatpay-nonce']!.slice(1) } })), 'does not match'],
    ['WeChat\'s probe signature', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abcdef' } })), 'does not match'],
    ['no signature header', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-signature': '' } })), 'wechatpay-signature header is missing'],
    ['another signature type', 'webhook_signature_invalid', () => verify(delivery({ headers: { ...headers, 'wechatpay-signature-type': 'WECHATPAY2-SM2-WITH-SM3' } })), 'signature type'],
    ['a wrong API v3 key (right length)', 'webhook_body_invalid', () => verify(delivery(), signedAtMs, { ...credentials, apiV3Key: 'testMchAPIv3Key1' }), 'does not decrypt'],
    ['an API v3 key of the wrong length', 'webhook_body_invalid', () => verify(delivery(), signedAtMs, { ...credentials, apiV3Key: 'short' }), '5 bytes, not 32'],
  ];
  it.each(refusals)('%s → %s', (_name, code, run, mentions) => {
    const { code: actual, message } = refusal(run);
    expect(actual).toBe(code);
    expect(message).toContain(mentions);
  });
});

describe('WeChat Pay: payments and refunds signed with a generated platform key', () => {
  const { privateKey, publicKeyPem } = rsaKeyPair();
  const API_V3_KEY = 'kx0123456789abcdefghijklmnopqrst';
  const SERIAL = 'PUB_KEY_ID_0114232134912410000000000000';
  const NOW_S = 1_795_770_000;
  const credentials: GatewayCredentials = {
    provider: 'wechatpay',
    apiV3Key: API_V3_KEY,
    // During a rotation both the old certificate and the new public key are configured.
    platformCertificates: [{ serial: '3775B6A45ACD588826D15E583A95F5DD', pem: rsaKeyPair().publicKeyPem }, { serial: SERIAL, pem: publicKeyPem }],
  };
  const transaction = {
    mchid: '1900000001',
    appid: 'wxd678efh567hg6787',
    out_trade_no: 'SO-2026-000042',
    transaction_id: '4200002026112700000000000001',
    trade_type: 'NATIVE',
    trade_state: 'SUCCESS',
    success_time: '2026-11-28T00:10:05+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 128000, payer_total: 127000, currency: 'CNY', payer_currency: 'CNY' },
    attach: '第二期',
  };
  const refund = {
    mchid: '1900000001',
    out_trade_no: 'SO-2026-000042',
    transaction_id: '4200002026112700000000000001',
    out_refund_no: 'RF-2026-000007',
    refund_id: '50000000382019052709732678859',
    refund_status: 'SUCCESS',
    success_time: '2026-11-29T10:00:00+08:00',
    amount: { total: 128000, refund: 30000, payer_total: 127000, payer_refund: 30000 },
  };
  const notify = (eventType: string, plaintext: string, key = API_V3_KEY, associatedData = 'transaction') =>
    wechatpayDelivery(
      JSON.stringify({ id: `EV-${eventType}`, create_time: '2026-11-28T00:10:06+08:00', resource_type: 'encrypt-resource', event_type: eventType, summary: '支付成功', resource: { original_type: 'transaction', ...sealWechatpayResource(plaintext, key, associatedData) } }),
      privateKey,
      SERIAL,
      NOW_S,
    );
  const verify = (notification: InboundNotification) => verifyNotification('wechatpay', notification, credentials, NOW_S * 1000);

  it('TRANSACTION.SUCCESS: the order amount in fen, dated by the Beijing date of success_time', () => {
    const event = verify(notify('TRANSACTION.SUCCESS', JSON.stringify(transaction)));
    expect(event).toMatchObject({ eventId: 'EV-TRANSACTION.SUCCESS', providerType: 'TRANSACTION.SUCCESS', occurredAt: '2026-11-27T16:10:05.000Z' });
    expect(event.normalized).toEqual({
      kind: 'payment_succeeded',
      amountMinor: 128000n,
      currency: 'CNY',
      date: '2026-11-28',
      paymentRef: '4200002026112700000000000001',
      hints: { orderNumber: 'SO-2026-000042', payerAccount: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', description: '第二期' },
    });
  });

  it('REFUND.SUCCESS: this refund\'s own amount, tied to the payment by transaction_id', () => {
    expect(verify(notify('REFUND.SUCCESS', JSON.stringify(refund), API_V3_KEY, 'refund')).normalized).toEqual({
      kind: 'refund_succeeded',
      amountMinor: 30000n,
      currency: 'CNY',
      date: '2026-11-29',
      paymentRef: '4200002026112700000000000001',
      refundRef: '50000000382019052709732678859',
      hints: { orderNumber: 'SO-2026-000042' },
    });
  });

  it.each([
    ['a transaction not in state SUCCESS', 'TRANSACTION.SUCCESS', { ...transaction, trade_state: 'REFUND' }],
    ['REFUND.ABNORMAL (the money did not reach the payer)', 'REFUND.ABNORMAL', { ...refund, refund_status: 'ABNORMAL' }],
    ['a complaint event', 'COMPLAINT.CREATE', { complaint_id: '200201820200101080076610000' }],
  ])('%s: stored, nothing to post', (_name, type, plaintext) => {
    expect(verify(notify(type, JSON.stringify(plaintext))).normalized).toBeNull();
  });

  it.each([
    ['a resource sealed with another API v3 key', () => notify('TRANSACTION.SUCCESS', JSON.stringify(transaction), 'another-key-0123456789abcdefghij'), 'does not decrypt'],
    ['a plaintext that is not JSON', () => notify('TRANSACTION.SUCCESS', 'not json'), 'not JSON'],
    ['a transaction without transaction_id', () => notify('TRANSACTION.SUCCESS', JSON.stringify({ ...transaction, transaction_id: undefined })), 'transaction_id'],
    ['an amount in yuan instead of fen', () => notify('TRANSACTION.SUCCESS', JSON.stringify({ ...transaction, amount: { total: 1280.5 } })), 'amount.total'],
    ['an unknown currency', () => notify('TRANSACTION.SUCCESS', JSON.stringify({ ...transaction, amount: { total: 5, currency: 'ABC' } })), 'ABC'],
  ])('signed but unusable: %s → webhook_body_invalid', (_name, make, mentions) => {
    const { code, message } = refusal(() => verify(make()));
    expect(code).toBe('webhook_body_invalid');
    expect(message).toContain(mentions);
  });
});
