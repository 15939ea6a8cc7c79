import { createDecipheriv } from 'node:crypto';
import type { InboundNotification, MatchHints, NormalizedGatewayEvent, VerifiedGatewayEvent } from '../../core/gateways/event.js';
import { isCurrency } from '../../core/money/index.js';
import {
  assertSignedTimeFresh,
  bodyInvalid,
  cleanHints,
  headerOf,
  JsonObject,
  offsetInstant,
  parseJsonObject,
  publicKeyOf,
  rsaSha256Verifies,
  signatureInvalid,
  unixSeconds,
} from './common.js';

/*
 * WeChat Pay API v3 notifications. The signature is RSA-SHA256 over "timestamp\nnonce\nbody\n" by the platform
 * key named in Wechatpay-Serial: a platform certificate's serial, or a platform public key id (PUB_KEY_ID_…) for
 * merchants moved to WeChat's public-key mode; the integration stores either PEM under its serial, and several
 * during a rotation. The business data is in resource, AES-GCM encrypted with the merchant's API v3 key.
 *
 * A resource that does not decrypt is webhook_body_invalid, not a signature failure: the signature already proved
 * WeChat sent it, so the cause is our API v3 key (or a resource altered before signing, which WeChat does not do).
 * A 400 makes WeChat retry for 24 hours, long enough for an admin to fix the key and keep the payment.
 */

const NONCE_CHARS_MAX = 64;
const SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
const GCM_TAG_BYTES = 16;

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  nonce: string;
  associated_data?: string;
}

export function verifyWechatpay(
  notification: InboundNotification,
  credentials: { apiV3Key: string; platformCertificates: readonly { serial: string; pem: string }[] },
  nowMs: number,
): VerifiedGatewayEvent {
  const header = (name: string) => headerOf(notification.headers, name) ?? signatureInvalid('wechatpay', `the ${name} header is missing`);
  const timestamp = header('wechatpay-timestamp');
  const nonce = header('wechatpay-nonce');
  const signature = header('wechatpay-signature');
  const serial = header('wechatpay-serial');
  const signatureType = headerOf(notification.headers, 'wechatpay-signature-type');
  if (signatureType !== undefined && signatureType !== SIGNATURE_TYPE) signatureInvalid('wechatpay', `signature type ${signatureType.slice(0, 40)} is not ${SIGNATURE_TYPE}`);
  if (nonce.length > NONCE_CHARS_MAX || nonce.includes('\n') || timestamp.includes('\n')) signatureInvalid('wechatpay', 'the nonce or timestamp header is malformed');
  const certificate = credentials.platformCertificates.find((candidate) => candidate.serial.toUpperCase() === serial.toUpperCase());
  if (certificate === undefined) {
    return signatureInvalid('wechatpay', `no platform certificate or public key with serial ${serial.slice(0, 64)} is configured`);
  }
  const key = publicKeyOf(certificate.pem);
  if (key === undefined) return signatureInvalid('wechatpay', `the platform certificate ${certificate.serial} is not an RSA certificate or key`);
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`, 'utf8'), notification.rawBody, Buffer.from('\n')]);
  // WeChat's probe deliveries carry a signature starting "WECHATPAY/SIGNTEST/" to check that merchants verify:
  // it is not base64, so it fails here like any forgery.
  if (!rsaSha256Verifies(key, message, signature)) return signatureInvalid('wechatpay', 'the RSA-SHA256 signature does not match');
  const signedAt = unixSeconds(timestamp);
  if (signedAt === undefined) return signatureInvalid('wechatpay', 'the Wechatpay-Timestamp header is not Unix seconds');
  assertSignedTimeFresh('wechatpay', signedAt, nowMs);

  const body = parseJsonObject('wechatpay', notification.rawBody);
  const resource = body.object('resource');
  const plaintext = decryptResource(
    {
      algorithm: resource.string('algorithm'),
      ciphertext: resource.string('ciphertext', notification.rawBody.length),
      nonce: resource.string('nonce', NONCE_CHARS_MAX),
      associated_data: resource.optionalString('associated_data') ?? '',
    },
    credentials.apiV3Key,
  );
  const { ciphertext: _encrypted, ...resourceShown } = resource.fields;
  return {
    ...normalizeWechatpay(body, plaintext),
    verification: { method: 'wechatpay-rsa-sha256+aes-gcm', detail: `platform key ${certificate.serial}, Wechatpay-Timestamp ${signedAt}` },
    readablePayload: JSON.stringify({ ...body.fields, resource: { ...resourceShown, plaintext } }),
  };
}

/**
 * Decrypts a notification resource: AES-GCM with the API v3 key as its UTF-8 bytes (32 in production, giving
 * AES-256; WeChat's own SDK test vector uses a 16-byte key, so AES-128 is accepted too), the resource's nonce and
 * associated data, and the 16-byte tag at the end of the ciphertext. Any mismatch fails the tag check.
 */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') bodyInvalid('wechatpay', `resource algorithm ${resource.algorithm.slice(0, 40)} is not AEAD_AES_256_GCM`);
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32 && key.length !== 16) bodyInvalid('wechatpay', `the configured API v3 key is ${key.length} bytes, not 32`);
  const sealed = Buffer.from(resource.ciphertext, 'base64');
  if (sealed.length <= GCM_TAG_BYTES) bodyInvalid('wechatpay', 'resource.ciphertext is too short');
  try {
    const decipher = createDecipheriv(key.length === 32 ? 'aes-256-gcm' : 'aes-128-gcm', key, Buffer.from(resource.nonce, 'utf8'), { authTagLength: GCM_TAG_BYTES });
    decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    const plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES)), decipher.final()]);
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch (error) {
    return bodyInvalid('wechatpay', 'the resource does not decrypt with the configured API v3 key', error);
  }
}

function normalizeWechatpay(body: JsonObject, plaintext: string): Omit<VerifiedGatewayEvent, 'verification'> {
  const eventId = body.string('id');
  const type = body.string('event_type');
  const created = offsetInstant(body.string('create_time', 40)) ?? bodyInvalid('wechatpay', 'create_time must be an RFC 3339 instant');
  const base = { provider: 'wechatpay' as const, eventId, providerType: type };
  if (type !== 'TRANSACTION.SUCCESS' && type !== 'REFUND.SUCCESS') {
    // PayScore, REFUND.ABNORMAL / REFUND.CLOSED (no money moved), complaints …: stored, nothing to post.
    return { ...base, occurredAt: created.instant, normalized: null };
  }
  const data = parseJsonObject('wechatpay', plaintext);
  const success = offsetInstant(data.optionalString('success_time', 40) ?? '') ?? created;
  const amount = data.object('amount');
  const currency = amount.optionalString('currency', 3) ?? 'CNY';
  if (!isCurrency(currency)) bodyInvalid('wechatpay', `currency ${currency} is not one this system accepts`);
  const money = { currency, date: success.localDate, paymentRef: data.string('transaction_id') };
  return { ...base, occurredAt: success.instant, normalized: type === 'TRANSACTION.SUCCESS' ? payment(data, amount, money) : refund(data, amount, money) };
}

type Money = { currency: string; date: string; paymentRef: string };

function payment(transaction: JsonObject, amount: JsonObject, money: Money): NormalizedGatewayEvent | null {
  if (transaction.string('trade_state') !== 'SUCCESS') return null;
  // total is the order amount in fen; payer_total is what the payer's own money covered (less WeChat coupons).
  // Receivables settle on the order amount, as with Alipay's total_amount.
  const total = BigInt(amount.integer('total'));
  if (total === 0n) return null;
  return { kind: 'payment_succeeded', ...money, amountMinor: total, hints: hintsOf(transaction) };
}

function refund(data: JsonObject, amount: JsonObject, money: Money): NormalizedGatewayEvent | null {
  if (data.string('refund_status') !== 'SUCCESS') return null;
  // amount.refund is this refund's own amount (amount.total is the original payment's).
  const refunded = BigInt(amount.integer('refund'));
  if (refunded === 0n) return null;
  return { kind: 'refund_succeeded', ...money, amountMinor: refunded, refundRef: data.string('refund_id'), hints: hintsOf(data) };
}

function hintsOf(data: JsonObject): MatchHints {
  return cleanHints({
    orderNumber: data.fields.out_trade_no,
    // The payer's openid is stable per merchant app: what payer aliases learn from.
    payerAccount: data.optionalObject('payer')?.fields.openid,
    description: data.fields.attach,
  });
}
