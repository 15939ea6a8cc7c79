import type {
  GatewayCredentials,
  GatewayProvider,
  InboundNotification,
  ProviderAnswer,
  VerifiedGatewayEvent,
} from '../../core/gateways/event.js';
import { verifyAlipay } from './alipay.js';
import { assertBodySize } from './common.js';
import { verifyGeneric } from './generic-hmac.js';
import { verifyStripe } from './stripe.js';
import { verifyWechatpay } from './wechatpay.js';

export { signGeneric, GENERIC_SIGNATURE_HEADER } from './generic-hmac.js';

/**
 * Verifies one delivery from a payment gateway on its exact bytes and turns it into a VerifiedGatewayEvent, or
 * throws KxError:
 * - webhook_signature_invalid: missing or wrong signature, unknown certificate serial, no secret configured;
 * - webhook_timestamp_stale: a genuinely signed timestamp more than limits.webhookTimestampSkewMsMax from nowMs
 *   (Stripe, WeChat Pay, generic; Alipay signs none);
 * - webhook_body_invalid: over limits.webhookBodyBytesMax, not parseable, a field missing or malformed, or (WeChat
 *   Pay) a resource that does not decrypt with the API v3 key.
 * Pure: no I/O, no clock (nowMs is passed so that a replay can verify as of the time the event was received).
 */
export function verifyNotification(
  provider: GatewayProvider,
  notification: InboundNotification,
  credentials: GatewayCredentials,
  nowMs: number,
): VerifiedGatewayEvent {
  if (credentials.provider !== provider) {
    throw new Error(`credentials of ${credentials.provider} passed to verify a ${provider} notification`);
  }
  assertBodySize(provider, notification.rawBody);
  switch (credentials.provider) {
    case 'stripe':
      return verifyStripe(notification, credentials, nowMs);
    case 'alipay':
      return verifyAlipay(notification, credentials);
    case 'wechatpay':
      return verifyWechatpay(notification, credentials, nowMs);
    case 'generic':
      return verifyGeneric(notification, credentials, nowMs);
  }
}

/**
 * The HTTP answer each provider expects, byte for byte. `ok` means "stored, stop retrying"; otherwise the
 * provider retries later (Stripe for 3 days, Alipay for 25 hours, WeChat Pay for 24 hours), which is what we want
 * after a transient failure or a fixed configuration. failureStatus is the HTTP status the caller chose for the
 * failure (401 for a bad signature, 400 for a bad body, 5xx for our own trouble).
 */
export function providerAnswer(provider: GatewayProvider, ok: boolean, message?: string, failureStatus = 400): ProviderAnswer {
  if (!ok && !(Number.isInteger(failureStatus) && failureStatus >= 400 && failureStatus <= 599)) {
    throw new Error(`failureStatus must be a 4xx or 5xx status, got ${failureStatus}`);
  }
  const status = ok ? 200 : failureStatus;
  switch (provider) {
    case 'alipay':
      // Alipay compares the body with the exact text "success"; anything else, whitespace included, is a failure.
      return { statusCode: status, contentType: 'text/plain; charset=utf-8', body: ok ? 'success' : 'fail' };
    case 'wechatpay':
      // API v3: 200/204 on success; on failure 4xx/5xx with {"code":"FAIL","message":…}.
      return json(status, ok ? { code: 'SUCCESS', message: '成功' } : { code: 'FAIL', message: message ?? '失败' });
    case 'stripe':
    case 'generic':
      // Stripe looks only at the status (2xx); the body is for people reading the delivery log.
      return json(status, ok ? { received: true } : { received: false, message: message ?? 'not accepted' });
  }
}

function json(statusCode: number, body: object): ProviderAnswer {
  return { statusCode, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
}
