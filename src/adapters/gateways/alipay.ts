import iconv from 'iconv-lite';
import { isKxError } from '../../core/errors.js';
import type { InboundNotification, MatchHints, NormalizedGatewayEvent, VerifiedGatewayEvent } from '../../core/gateways/event.js';
import { parseAmountMinor } from '../../core/money/index.js';
import { bodyInvalid, chinaLocalTime, cleanHints, headerOf, publicKeyOf, rsaSha256Verifies, signatureInvalid } from './common.js';

/*
 * Alipay asynchronous notifications (异步通知), RSA2: a form-encoded POST whose parameters, minus sign and
 * sign_type and minus empty values, sorted by name and joined as k=v with &, are signed with SHA256withRSA by
 * Alipay's key. The string is signed in the notification's charset (utf-8, or GBK for older merchant apps), so
 * the values are decoded in that charset and the canonical string is encoded back in it before verifying.
 *
 * No timestamp check: Alipay signs none that means "sent now" (notify_time is the first attempt's time), and it
 * retries for 25 hours, so an old notify_time is normal. A replayed notification can only repeat one Alipay really
 * sent, and the ingest layer dedupes it by notify_id and by trade_no (paymentRef).
 */

const CURRENCY = 'CNY';
const PARAMS_MAX = 200;
const CHARSETS: Readonly<Record<string, string>> = { 'utf-8': 'utf8', utf8: 'utf8', gbk: 'gbk', gb2312: 'gbk', gb18030: 'gb18030' };

export function verifyAlipay(notification: InboundNotification, credentials: { alipayPublicKey: string; appId?: string }): VerifiedGatewayEvent {
  const charset = charsetOf(notification);
  const params = parseForm(notification.rawBody, charset);
  const sign = params.get('sign');
  if (sign === undefined || sign === '') return signatureInvalid('alipay', 'the notification has no sign');
  const signType = params.get('sign_type') ?? 'RSA2';
  // RSA (SHA1withRSA) is Alipay's deprecated scheme: refused rather than verified weakly.
  if (signType !== 'RSA2') return signatureInvalid('alipay', `sign_type ${signType.slice(0, 20)} is not RSA2`);
  const key = publicKeyOf(credentials.alipayPublicKey);
  if (key === undefined) return signatureInvalid('alipay', 'the configured Alipay public key is not an RSA public key');
  const content = alipaySignedContent(params);
  if (!rsaSha256Verifies(key, charset === 'utf8' ? Buffer.from(content, 'utf8') : iconv.encode(content, charset), sign)) {
    return signatureInvalid('alipay', 'the RSA2 signature does not match the parameters');
  }
  // Alipay signs notifications for every app of the merchant with one key: the app is checked too.
  const appId = params.get('app_id');
  if (credentials.appId !== undefined && credentials.appId !== '' && appId !== credentials.appId) {
    return signatureInvalid('alipay', `the notification is for app ${String(appId).slice(0, 32)}, not this integration's app`);
  }
  return { ...normalizeAlipay(params), verification: { method: 'alipay-rsa2', detail: `RSA2 (SHA256withRSA), charset ${charset}${appId === undefined ? '' : `, app ${appId.slice(0, 32)}`}` } };
}

/** The string Alipay signed: parameters except sign and sign_type, non-empty, sorted by name, k=v joined by &. */
export function alipaySignedContent(params: ReadonlyMap<string, string>): string {
  return [...params]
    .filter(([name, value]) => name !== 'sign' && name !== 'sign_type' && value !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * The charset the body is in: the notification's own signed `charset` parameter first (how Alipay encoded it),
 * else the Content-Type charset, else UTF-8. Found on the raw bytes, before decoding anything.
 */
function charsetOf(notification: InboundNotification): string {
  const inBody = /(?:^|&)charset=([A-Za-z0-9_-]{1,20})(?:&|$)/.exec(notification.rawBody.toString('latin1'))?.[1];
  const inHeader = /;\s*charset="?([A-Za-z0-9_-]{1,20})"?/i.exec(headerOf(notification.headers, 'content-type') ?? '')?.[1];
  const name = (inBody ?? inHeader ?? 'utf-8').toLowerCase();
  const charset = CHARSETS[name];
  if (charset === undefined) return bodyInvalid('alipay', `charset ${name} is not one Alipay uses (utf-8, gbk)`);
  return charset;
}

/**
 * application/x-www-form-urlencoded, decoded byte-wise so that %XX escapes and any raw bytes both come out in
 * `charset` (URLSearchParams would assume UTF-8). A name given twice is refused: which value was signed would
 * be ambiguous.
 */
export function parseForm(rawBody: Buffer, charset: string): Map<string, string> {
  const params = new Map<string, string>();
  let start = 0;
  while (start <= rawBody.length) {
    let end = rawBody.indexOf(0x26 /* & */, start);
    if (end === -1) end = rawBody.length;
    if (end > start) {
      const pair = rawBody.subarray(start, end);
      const equals = pair.indexOf(0x3d /* = */);
      const name = decodeComponent(equals === -1 ? pair : pair.subarray(0, equals), charset);
      const value = equals === -1 ? '' : decodeComponent(pair.subarray(equals + 1), charset);
      if (params.has(name)) bodyInvalid('alipay', `parameter ${name.slice(0, 40)} appears twice`);
      if (params.size >= PARAMS_MAX) bodyInvalid('alipay', `more than ${PARAMS_MAX} parameters`);
      params.set(name, value);
    }
    start = end + 1;
  }
  return params;
}

function decodeComponent(bytes: Buffer, charset: string): string {
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  let ascii = true;
  for (let i = 0; i < bytes.length; i++) {
    let byte = bytes[i]!;
    if (byte === 0x2b /* + */) {
      byte = 0x20;
    } else if (byte === 0x25 /* % */) {
      const high = hexValue(bytes[i + 1]);
      const low = hexValue(bytes[i + 2]);
      if (high < 0 || low < 0) bodyInvalid('alipay', 'the form has a % not followed by two hex digits');
      byte = high * 16 + low;
      i += 2;
    }
    if (byte >= 0x80) ascii = false;
    out[length++] = byte;
  }
  const decoded = out.subarray(0, length);
  // ASCII reads the same in every charset Alipay uses: the common case (ids, amounts, times) needs no decoder.
  if (ascii) return decoded.toString('latin1');
  if (charset === 'utf8') {
    try {
      return strictUtf8.decode(decoded);
    } catch {
      return bodyInvalid('alipay', 'a value is not valid utf-8');
    }
  }
  const text = iconv.decode(decoded, charset);
  // Bytes that are not valid in the charset would be replaced silently, and the replaced text could then verify
  // for bytes Alipay never signed: refuse them instead.
  if (!iconv.encode(text, charset).equals(decoded)) bodyInvalid('alipay', `a value is not valid ${charset}`);
  return text;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

function normalizeAlipay(params: ReadonlyMap<string, string>): VerifiedGatewayEvent {
  const get = (name: string): string | undefined => {
    const value = params.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const need = (name: string): string => get(name) ?? bodyInvalid('alipay', `parameter ${name} is missing`);
  const eventId = need('notify_id');
  const status = get('trade_status');
  const refunded = get('refund_fee') !== undefined || get('gmt_refund') !== undefined;
  const when = chinaLocalTime((refunded ? get('gmt_refund') : get('gmt_payment')) ?? need('notify_time'));
  if (when === undefined) return bodyInvalid('alipay', 'its time is not "yyyy-MM-dd HH:mm:ss"');
  const base = { provider: 'alipay' as const, eventId, providerType: status ?? need('notify_type'), occurredAt: when.instant };
  if (status === 'WAIT_BUYER_PAY' || status === undefined) return { ...base, normalized: null };
  const money = { currency: CURRENCY, date: when.date, paymentRef: need('trade_no'), hints: hintsOf(get) };
  let normalized: NormalizedGatewayEvent | null;
  if (refunded) {
    // refund_fee is the trade's refunded total so far, not this refund's amount: the ingest layer posts the
    // difference to what it already recorded (refundedTotalMinor). out_biz_no names the refund request; without
    // it the total itself does, since each refund raises it.
    const totalMinor = amount('refund_fee', need('refund_fee'));
    normalized = { kind: 'refund_succeeded', ...money, amountMinor: totalMinor, refundedTotalMinor: totalMinor, refundRef: get('out_biz_no') ?? `${money.paymentRef}/refunded/${need('refund_fee')}` };
  } else if (status === 'TRADE_SUCCESS' || status === 'TRADE_FINISHED') {
    // TRADE_FINISHED follows TRADE_SUCCESS when the refund window closes (or comes alone for products without
    // refunds): the same trade_no, so the ingest layer's paymentRef dedupe keeps it to one payment.
    normalized = { kind: 'payment_succeeded', ...money, amountMinor: amount('total_amount', need('total_amount')) };
  } else if (status === 'TRADE_CLOSED') {
    // Closed without a refund: the buyer never paid before the trade timed out or was cancelled. Nothing to post,
    // but reported as a failed payment so the order's payment link can be shown as expired.
    normalized = { kind: 'payment_failed', ...money, amountMinor: amount('total_amount', need('total_amount')), reason: 'trade closed unpaid (TRADE_CLOSED)' };
  } else {
    normalized = null;
  }
  return { ...base, normalized };
}

function amount(name: string, decimal: string): bigint {
  try {
    return parseAmountMinor(decimal, CURRENCY);
  } catch (error) {
    if (isKxError(error)) return bodyInvalid('alipay', `${name}: ${error.message}`, error);
    throw error;
  }
}

function hintsOf(get: (name: string) => string | undefined): MatchHints {
  return cleanHints({
    orderNumber: get('out_trade_no'),
    // buyer_id (2088…) is the payer's stable account; buyer_open_id replaces it for newer apps. buyer_logon_id is
    // the masked login ("xud***@126.com"), which is also what Alipay's bill exports show as the counterparty.
    payerAccount: get('buyer_id') ?? get('buyer_open_id'),
    payerName: get('buyer_logon_id'),
    description: get('subject') ?? get('body'),
  });
}
