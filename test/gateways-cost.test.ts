import { createHmac, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { signGeneric, verifyNotification } from '../src/adapters/gateways/index.js';
import type { GatewayCredentials, GatewayProvider, InboundNotification } from '../src/core/gateways/event.js';
import { alipayForm, extdata, hasExtdata, rsaKeyPair, sealWechatpayResource, wechatpayDelivery } from './helpers-gateways.js';

/**
 * What verifying one notification costs, per provider, on one core: a small loop, printed in µs/event (the figures
 * in docs/performance.md come from `KX_GATEWAY_COST_EVENTS=5000 npx vitest run test/gateways-cost.test.ts`). The
 * assertion is only the floor the ingest benchmark needs: 500 verified events/s end to end on one core, so
 * verification alone must stay under 2 ms an event. On an idle machine each takes 0.03–0.3 ms; on this shared one
 * at a load average of 15 we saw up to 1.4 ms, which is why the bound is no tighter.
 */
const EVENTS = Number(process.env.KX_GATEWAY_COST_EVENTS ?? 300);
const MICROSECONDS_PER_EVENT_MAX = 2_000;
const NOW_S = Math.floor(Date.UTC(2026, 10, 27, 9) / 1000);

function microsecondsPerEvent(run: () => void): number {
  // Warm-up, so the figure is the steady state and not the JIT compiling.
  for (let i = 0; i < Math.max(EVENTS / 5, 200); i++) run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < EVENTS; i++) run();
  return Number(process.hrtime.bigint() - started) / 1000 / EVENTS;
}

const { privateKey, publicKeyPem } = rsaKeyPair();
const API_V3_KEY = 'kx0123456789abcdefghijklmnopqrst';

const cases: [name: string, provider: GatewayProvider, make: () => [InboundNotification, GatewayCredentials]][] = [
  ['generic payment.succeeded (HMAC-SHA256)', 'generic', () => {
    const body = JSON.stringify({ id: 'evt-1', type: 'payment.succeeded', occurredAt: '2026-11-27T08:59:00Z', amount: '1234.56', currency: 'CNY', paymentRef: 'PAY-88', hints: { orderNumber: 'SO-2026-000042' } });
    return [{ rawBody: Buffer.from(body), headers: { 'kx-signature': signGeneric('s3cret', body, NOW_S) } }, { provider: 'generic', hmacSecrets: ['s3cret'] }];
  }],
  ['alipay TRADE_SUCCESS (RSA2-2048, utf-8, 22 parameters)', 'alipay', () => {
    const form = alipayForm({
      notify_id: '2026112700222000000000000000000001', notify_type: 'trade_status_sync', notify_time: '2026-11-27 10:00:05', gmt_create: '2026-11-27 09:59:40',
      gmt_payment: '2026-11-27 10:00:01', trade_no: '2026112722001400000000000001', out_trade_no: 'SO-2026-000042', trade_status: 'TRADE_SUCCESS',
      total_amount: '1280.00', receipt_amount: '1280.00', buyer_pay_amount: '1280.00', invoice_amount: '1280.00', point_amount: '0.00',
      buyer_id: '2088000000000001', buyer_logon_id: '138****0000', seller_id: '2088000000000009', app_id: '2021004100000001', auth_app_id: '2021004100000001',
      subject: '年度服务费 第二期', version: '1.0', fund_bill_list: '[{"amount":"1280.00","fundChannel":"ALIPAYACCOUNT"}]',
    }, privateKey);
    return [{ rawBody: form, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } }, { provider: 'alipay', alipayPublicKey: publicKeyPem }];
  }],
  ['wechatpay TRANSACTION.SUCCESS (RSA-2048 + AES-256-GCM)', 'wechatpay', () => {
    const transaction = { mchid: '1900000001', appid: 'wxd678efh567hg6787', out_trade_no: 'SO-2026-000042', transaction_id: '4200002026112700000000000001', trade_type: 'NATIVE', trade_state: 'SUCCESS', success_time: '2026-11-28T00:10:05+08:00', payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, amount: { total: 128000, payer_total: 127000, currency: 'CNY', payer_currency: 'CNY' } };
    const body = JSON.stringify({ id: 'EV1', create_time: '2026-11-28T00:10:06+08:00', resource_type: 'encrypt-resource', event_type: 'TRANSACTION.SUCCESS', summary: '支付成功', resource: { original_type: 'transaction', ...sealWechatpayResource(JSON.stringify(transaction), API_V3_KEY) } });
    return [wechatpayDelivery(body, privateKey, 'S1', NOW_S), { provider: 'wechatpay', apiV3Key: API_V3_KEY, platformCertificates: [{ serial: 'S1', pem: publicKeyPem }] }];
  }],
  ...(hasExtdata
    ? [['stripe payment_intent.succeeded (official SDK, 6 KB fixture)', 'stripe', () => {
        const body = readFileSync(extdata('stripe', 'payment_intent.succeeded.json'), 'utf8');
        const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_cost', timestamp: NOW_S });
        return [{ rawBody: Buffer.from(body), headers: { 'stripe-signature': header } }, { provider: 'stripe', webhookSecret: 'whsec_cost' }];
      }] as (typeof cases)[number]]
    : []),
];

describe('gateway verification cost per event, one core', () => {
  it.each(cases)('%s', (name, provider, make) => {
    const [notification, credentials] = make();
    const us = microsecondsPerEvent(() => verifyNotification(provider, notification, credentials, NOW_S * 1000));
    console.log(`${name}: ${us.toFixed(1)} µs/event (${Math.round(1e6 / us)}/s), ${notification.rawBody.length} bytes`);
    expect(us).toBeLessThan(MICROSECONDS_PER_EVENT_MAX);
  });

  it('baselines on this machine now: one HMAC-SHA256 and one RSA-2048 verify', () => {
    const message = Buffer.alloc(1_000, 7);
    const hmac = microsecondsPerEvent(() => createHmac('sha256', 's3cret').update(message).digest());
    const signature = sign('sha256', message, privateKey);
    const publicKey = createPublicKey(publicKeyPem);
    const rsa = microsecondsPerEvent(() => verify('sha256', message, publicKey, signature));
    console.log(`baseline HMAC-SHA256 of 1 KB: ${hmac.toFixed(1)} µs; RSA-2048 SHA-256 verify: ${rsa.toFixed(1)} µs`);
    expect(rsa).toBeGreaterThan(0);
  });
});
