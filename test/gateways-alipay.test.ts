import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { alipaySignedContent, parseForm } from '../src/adapters/gateways/alipay.js';
import { verifyNotification } from '../src/adapters/gateways/index.js';
import type { ErrorCode } from '../src/core/errors.js';
import type { GatewayCredentials, InboundNotification } from '../src/core/gateways/event.js';
import { alipayForm, extdata, formEncode, hasExtdata, refusal, rsaKeyPair } from './helpers-gateways.js';

/**
 * Alipay asynchronous notifications (RSA2). The real vector of alipay-sdk-nodejs-all (../shared/extdata/alipay)
 * proves the canonical string and the key handling; notifications signed here with a generated key cover what the
 * vector does not: GBK bodies, refunds, closed trades.
 */
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
// Alipay signs no timestamp: nowMs plays no part, and a 2019 notification still verifies.
const NOW_MS = Date.UTC(2026, 10, 27);

const delivery = (rawBody: Buffer, contentType = FORM): InboundNotification => ({ rawBody, headers: { 'content-type': contentType } });
const verify = (notification: InboundNotification, credentials: GatewayCredentials) => verifyNotification('alipay', notification, credentials, NOW_MS);

describe.skipIf(!hasExtdata)('Alipay: the real signed notification', () => {
  const vector = hasExtdata ? JSON.parse(readFileSync(extdata('alipay', 'vector.json'), 'utf8')) : { cases: [] };
  const publicKeyPem = hasExtdata ? readFileSync(extdata('alipay', 'alipay_notify_public_key_v1.pem'), 'utf8') : '';
  const credentials: GatewayCredentials = { provider: 'alipay', alipayPublicKey: publicKeyPem };
  const formFile = () => readFileSync(extdata('alipay', 'trade_status_sync.valid.form.txt'));
  const paramsOf = (index: number): [string, string][] => Object.entries(vector.cases[index].params as Record<string, string>);

  it('the form body parses to the vector parameters, and their canonical string is the one Alipay signed', () => {
    const params = parseForm(formFile(), 'utf8');
    expect(Object.fromEntries(params)).toEqual(vector.cases[0].params);
    expect(alipaySignedContent(params)).toBe(vector.cases[0].expected_signed_content);
  });

  it('the form body verifies with Alipay\'s public key, and is a payment of CNY 0.10 on order 20190815155618536-564-57', () => {
    const event = verify(delivery(formFile()), credentials);
    expect(event).toMatchObject({
      provider: 'alipay',
      eventId: '2019081500222155624068450559358070',
      providerType: 'TRADE_SUCCESS',
      // gmt_payment 2019-08-15 15:56:24 is Beijing time.
      occurredAt: '2019-08-15T07:56:24.000Z',
      verification: { method: 'alipay-rsa2' },
    });
    expect(event.normalized).toEqual({
      kind: 'payment_succeeded',
      amountMinor: 10n,
      currency: 'CNY',
      date: '2019-08-15',
      paymentRef: '2019081522001468450512505578',
      hints: { orderNumber: '20190815155618536-564-57', payerAccount: '2088102534368455', payerName: 'xud***@126.com', description: '语雀空间 500人规模' },
    });
  });

  it('the key pasted as bare base64 (as the Alipay console shows it) verifies too, and so does a matching app id', () => {
    const bare = publicKeyPem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
    expect(verify(delivery(formFile()), { provider: 'alipay', alipayPublicKey: bare, appId: '2019073166072302' }).eventId).toBe('2019081500222155624068450559358070');
  });

  const refusals: [string, ErrorCode, () => [InboundNotification, GatewayCredentials], string][] = [
    ['the vector signed by another key', 'webhook_signature_invalid', () => [delivery(formEncode(paramsOf(1))), credentials], 'does not match'],
    ['the vector with total_amount tampered to 100.00', 'webhook_signature_invalid', () => [delivery(formEncode(paramsOf(2))), credentials], 'does not match'],
    ['the form file with one byte of the amount changed', 'webhook_signature_invalid', () => [delivery(Buffer.from(formFile().toString('latin1').replace('total_amount=0.10', 'total_amount=0.19'), 'latin1')), credentials], 'does not match'],
    ['the right signature, another key configured', 'webhook_signature_invalid', () => [delivery(formFile()), { provider: 'alipay', alipayPublicKey: rsaKeyPair().publicKeyPem }], 'does not match'],
    ['a notification for another app of the merchant', 'webhook_signature_invalid', () => [delivery(formFile()), { ...credentials, appId: '2021000000000000' }], "not this integration's app"],
    ['no sign', 'webhook_signature_invalid', () => [delivery(formEncode(paramsOf(0).filter(([name]) => name !== 'sign'))), credentials], 'no sign'],
    ['sign_type RSA (SHA1)', 'webhook_signature_invalid', () => [delivery(formEncode(paramsOf(0).map(([n, v]): [string, string] => [n, n === 'sign_type' ? 'RSA' : v]))), credentials], 'not RSA2'],
    ['a configured key that is not a key', 'webhook_signature_invalid', () => [delivery(formFile()), { provider: 'alipay', alipayPublicKey: 'not a key' }], 'not an RSA public key'],
    ['a parameter given twice', 'webhook_body_invalid', () => [delivery(Buffer.concat([formFile(), Buffer.from('&total_amount=100.00')])), credentials], 'appears twice'],
    ['a broken % escape', 'webhook_body_invalid', () => [delivery(Buffer.concat([formFile(), Buffer.from('&x=%E8%A')])), credentials], 'two hex digits'],
  ];
  it.each(refusals)('%s → %s', (_name, code, make, mentions) => {
    const { code: actual, message } = refusal(() => verify(...make()));
    expect(actual).toBe(code);
    expect(message).toContain(mentions);
  });
});

describe('Alipay: notifications signed with a generated key', () => {
  const { privateKey, publicKeyPem } = rsaKeyPair();
  const credentials: GatewayCredentials = { provider: 'alipay', alipayPublicKey: publicKeyPem, appId: '2021004100000001' };
  const trade = {
    app_id: '2021004100000001',
    notify_id: '2026112700222000000000000000000001',
    notify_type: 'trade_status_sync',
    notify_time: '2026-11-27 10:00:05',
    gmt_create: '2026-11-27 09:59:40',
    gmt_payment: '2026-11-27 10:00:01',
    trade_no: '2026112722001400000000000001',
    out_trade_no: 'SO-2026-000042',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '1280.00',
    buyer_id: '2088000000000001',
    buyer_logon_id: '138****0000',
    subject: '年度服务费 第二期',
    version: '1.0',
  };

  it('a GBK notification: values decoded in GBK, the signature checked over the GBK bytes', () => {
    const body = alipayForm(trade, privateKey, 'gbk');
    // The subject really travels as GBK bytes (年 is C4 EA in GBK, E5 B9 B4 in UTF-8).
    expect(body.toString('latin1')).toContain('subject=%C4%EA');
    const event = verify(delivery(body, 'application/x-www-form-urlencoded; charset=GBK'), credentials);
    expect(event.normalized).toMatchObject({ kind: 'payment_succeeded', amountMinor: 128000n, date: '2026-11-27', hints: { description: '年度服务费 第二期', orderNumber: 'SO-2026-000042' } });
  });

  it('GBK bytes that are not valid GBK are refused, not replaced', () => {
    const body = Buffer.concat([alipayForm(trade, privateKey, 'gbk'), Buffer.from('&memo=%FF%FF')]);
    expect(refusal(() => verify(delivery(body), credentials)).code).toBe('webhook_body_invalid');
  });

  it('a charset Alipay does not use is refused', () => {
    const body = Buffer.from(alipayForm(trade, privateKey).toString('latin1').replace('charset=utf-8', 'charset=koi8-r'), 'latin1');
    expect(refusal(() => verify(delivery(body), credentials))).toMatchObject({ code: 'webhook_body_invalid', message: expect.stringContaining('koi8-r') });
  });

  // What each trade status means for the money.
  const statuses: [name: string, params: Record<string, string>, expected: object | null][] = [
    ['TRADE_FINISHED: the same payment again (same trade_no, deduped by paymentRef)', { trade_status: 'TRADE_FINISHED' }, { kind: 'payment_succeeded', amountMinor: 128000n, paymentRef: trade.trade_no }],
    ['WAIT_BUYER_PAY: nothing yet', { trade_status: 'WAIT_BUYER_PAY' }, null],
    ['TRADE_CLOSED unpaid: a failed payment, nothing to post', { trade_status: 'TRADE_CLOSED' }, { kind: 'payment_failed', amountMinor: 128000n, reason: 'trade closed unpaid (TRADE_CLOSED)' }],
    [
      'a partial refund (still TRADE_SUCCESS): refund_fee is the refunded total',
      { refund_fee: '300.00', gmt_refund: '2026-11-28 11:00:00.123', out_biz_no: 'RF-2026-000007' },
      { kind: 'refund_succeeded', amountMinor: 30000n, refundedTotalMinor: 30000n, refundRef: 'RF-2026-000007', paymentRef: trade.trade_no, date: '2026-11-28' },
    ],
    [
      'the full refund (TRADE_CLOSED) without out_biz_no: named by the total',
      { trade_status: 'TRADE_CLOSED', refund_fee: '1280.00', gmt_refund: '2026-11-29 08:00:00' },
      { kind: 'refund_succeeded', amountMinor: 128000n, refundedTotalMinor: 128000n, refundRef: `${trade.trade_no}/refunded/1280.00`, date: '2026-11-29' },
    ],
  ];
  it.each(statuses)('%s', (_name, change, expected) => {
    const event = verify(delivery(alipayForm({ ...trade, ...change }, privateKey)), credentials);
    if (expected === null) expect(event.normalized).toBeNull();
    else expect(event.normalized).toMatchObject(expected);
  });

  it('the refund time is when it happened (gmt_refund, Beijing time, milliseconds kept)', () => {
    const event = verify(delivery(alipayForm({ ...trade, refund_fee: '1.00', gmt_refund: '2026-11-28 00:30:00.123' }, privateKey)), credentials);
    expect(event.occurredAt).toBe('2026-11-27T16:30:00.123Z');
    expect(event.normalized?.date).toBe('2026-11-28');
  });

  it.each([
    ['no notify_id', { notify_id: '' }, 'notify_id'],
    ['no trade_no', { trade_no: '' }, 'trade_no'],
    ['an amount with three decimals', { total_amount: '1.005' }, 'total_amount'],
    ['an amount of zero', { total_amount: '0.00' }, 'total_amount'],
    ['an impossible time', { gmt_payment: '2026-02-30 10:00:00' }, 'time'],
  ])('signed but unusable: %s → webhook_body_invalid', (_name, change, mentions) => {
    const { code, message } = refusal(() => verify(delivery(alipayForm({ ...trade, ...change }, privateKey)), credentials));
    expect(code).toBe('webhook_body_invalid');
    expect(message).toContain(mentions);
  });

  it('empty values are left out of the signed string, as Alipay does', () => {
    const withEmpty = alipayForm({ ...trade, passback_params: '' }, privateKey);
    expect(verify(delivery(withEmpty), credentials).eventId).toBe(trade.notify_id);
    expect(iconv.decode(withEmpty, 'utf8')).toContain('passback_params=&');
  });
});
