import { createPublicKey, timingSafeEqual, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { KxError } from '../../core/errors.js';
import type { GatewayProvider, MatchHints } from '../../core/gateways/event.js';
import { limits } from '../../core/limits.js';

/*
 * What the four gateway adapters share: the three ways a delivery fails, the size and clock bounds, constant-time
 * comparison, and a strict reader for the JSON a provider signed. Error details stay short and never echo secrets:
 * the ingest layer logs them as the rejection's detail.
 */

const DETAIL_CHARS_MAX = 200;

export function signatureInvalid(provider: GatewayProvider, detail: string): never {
  throw new KxError('webhook_signature_invalid', `The ${provider} notification's signature does not verify: ${cut(detail)}`, {
    details: { provider, detail: cut(detail) },
  });
}

export function bodyInvalid(provider: GatewayProvider, detail: string, cause?: unknown): never {
  throw new KxError('webhook_body_invalid', `The ${provider} notification's body is not usable: ${cut(detail)}`, {
    details: { provider, detail: cut(detail) },
    cause,
  });
}

/** Checked on the raw bytes before anything else: the ingest layer bounds the body too, but verification must not depend on it. */
export function assertBodySize(provider: GatewayProvider, rawBody: Buffer): void {
  if (!Buffer.isBuffer(rawBody)) throw new TypeError('rawBody must be the exact bytes received (a Buffer)');
  if (rawBody.length > limits.webhookBodyBytesMax) {
    bodyInvalid(provider, `body of ${rawBody.length} bytes is over the limit of ${limits.webhookBodyBytesMax}`);
  }
  if (rawBody.length === 0) bodyInvalid(provider, 'body is empty');
}

/**
 * A signed timestamp more than webhookTimestampSkewMsMax away from now, in either direction, is refused: a
 * captured delivery replayed later (past) or a sender with a badly wrong clock (future). Called only after the
 * signature verified, so "stale" always means "genuine but not now".
 */
export function assertSignedTimeFresh(provider: GatewayProvider, signedAtSeconds: number, nowMs: number): void {
  const skewMs = Math.abs(nowMs - signedAtSeconds * 1000);
  if (!(skewMs <= limits.webhookTimestampSkewMsMax)) {
    const signedAt = new Date(signedAtSeconds * 1000).toISOString();
    throw new KxError(
      'webhook_timestamp_stale',
      `The ${provider} notification was signed at ${signedAt}, more than ${limits.webhookTimestampSkewMsMax / 1000} s from now.`,
      { details: { provider, signedAt, skewSeconds: Math.round(skewMs / 1000) } },
    );
  }
}

const UNIX_SECONDS_SHAPE = /^[1-9][0-9]{0,10}$/;

/** A Unix time in whole seconds as providers write it in headers; undefined if it is anything else. */
export function unixSeconds(text: string | undefined): number | undefined {
  return text !== undefined && UNIX_SECONDS_SHAPE.test(text) ? Number(text) : undefined;
}

/** Header by its lower-case name (the contract: InboundNotification headers arrive lower-cased). */
export function headerOf(headers: Readonly<Record<string, string | undefined>>, lowerName: string): string | undefined {
  const value = headers[lowerName];
  return value === undefined || value === '' ? undefined : value;
}

/** Constant time in the length of `expected`, so a forged signature learns nothing from how fast it failed. */
export function sameBytes(expected: Buffer, actual: Buffer): boolean {
  // timingSafeEqual throws on different lengths; comparing expected with itself keeps the time the same.
  if (expected.length !== actual.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, actual);
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const CHINA_LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

/**
 * Alipay writes instants as Beijing wall-clock time without an offset ("2019-08-15 15:56:24", even in fields
 * called gmt_…). China has had one offset, +08:00, and no daylight saving since 1991.
 */
export function chinaLocalTime(text: string): { instant: string; date: string } | undefined {
  const match = CHINA_LOCAL_TIME.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac = '0'] = match;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi), Number(s), Number(frac.padEnd(3, '0')));
  if (Number.isNaN(ms) || isoInstant(ms + 8 * 3_600_000).slice(0, 19) !== `${y}-${mo}-${d}T${h}:${mi}:${s}`) return undefined;
  return { instant: isoInstant(ms), date: `${y}-${mo}-${d}` };
}

const OFFSET_INSTANT = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 instant with its offset ("2018-06-08T10:34:56+08:00"): the instant in UTC, and the date as the
 * writer's clock showed it, which is the business date a Chinese provider means.
 */
export function offsetInstant(text: string): { instant: string; localDate: string } | undefined {
  const match = OFFSET_INSTANT.exec(text);
  const ms = match ? Date.parse(text) : Number.NaN;
  if (!match || Number.isNaN(ms)) return undefined;
  return { instant: isoInstant(ms), localDate: match[1]! };
}

/**
 * Keeps the hints a matcher can use: trimmed strings within the size limits. A reference longer than any of ours
 * cannot match one, so it is dropped rather than cut; free text is cut.
 */
export function cleanHints(raw: { [K in keyof MatchHints]?: unknown }): MatchHints {
  const hints: MatchHints = {};
  const refs = ['orderNumber', 'customerCode', 'customerId', 'payerAccount'] as const;
  for (const key of refs) {
    const value = text(raw[key]);
    if (value !== undefined && value.length <= limits.referenceCharsMax) hints[key] = value;
  }
  const names = ['payerName', 'payerEmail'] as const;
  for (const key of names) {
    const value = text(raw[key]);
    if (value !== undefined && value.length <= limits.nameCharsMax) hints[key] = value;
  }
  const description = text(raw.description);
  if (description !== undefined) hints.description = description.slice(0, limits.memoCharsMax);
  return hints;
}

function text(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const trimmed = String(value).trim();
  return trimmed === '' ? undefined : trimmed;
}

function cut(detail: string): string {
  return detail.length > DETAIL_CHARS_MAX ? `${detail.slice(0, DETAIL_CHARS_MAX)}…` : detail;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON.parse of a verified body (strict UTF-8), which must be an object; anything else is webhook_body_invalid. */
export function parseJsonObject(provider: GatewayProvider, body: string | Buffer): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(typeof body === 'string' ? body : strictUtf8.decode(body));
  } catch (error) {
    return bodyInvalid(provider, 'body is not JSON in UTF-8', error);
  }
  return JsonObject.of(provider, value, '');
}

/**
 * Reads the fields of a parsed JSON object by the shape we expect, naming the path of the first field that does
 * not have it ("data.object.amount must be an integer"). Providers add fields over time, so unknown ones are
 * ignored here; the generic webhook, whose shape is ours, checks for them itself.
 */
export class JsonObject {
  private constructor(
    private readonly provider: GatewayProvider,
    readonly fields: Readonly<Record<string, unknown>>,
    private readonly path: string,
  ) {}

  static of(provider: GatewayProvider, value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return bodyInvalid(provider, `${path || 'body'} must be a JSON object`);
    }
    return new JsonObject(provider, value as Record<string, unknown>, path);
  }

  private name(key: string): string {
    return this.path === '' ? key : `${this.path}.${key}`;
  }

  private fail(key: string, what: string): never {
    return bodyInvalid(this.provider, `${this.name(key)} ${what}`);
  }

  has(key: string): boolean {
    const value = this.fields[key];
    return value !== undefined && value !== null;
  }

  string(key: string, maxChars: number = limits.referenceCharsMax): string {
    const value = this.fields[key];
    if (typeof value !== 'string' || value === '') return this.fail(key, 'must be a non-empty string');
    if (value.length > maxChars) return this.fail(key, `must be at most ${maxChars} characters`);
    return value;
  }

  optionalString(key: string, maxChars: number = limits.referenceCharsMax): string | undefined {
    return this.has(key) ? this.string(key, maxChars) : undefined;
  }

  /** A non-negative whole number that JSON carried exactly (Stripe and WeChat amounts, timestamps). */
  integer(key: string): number {
    const value = this.fields[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      return this.fail(key, 'must be a whole number ≥ 0');
    }
    return value;
  }

  object(key: string): JsonObject {
    return JsonObject.of(this.provider, this.fields[key], this.name(key));
  }

  optionalObject(key: string): JsonObject | undefined {
    const value = this.fields[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? this.object(key) : undefined;
  }

  /** An id field that may be a plain id or the expanded object (Stripe's expandable fields). */
  idOf(key: string): string | undefined {
    const value = this.fields[key];
    if (typeof value === 'string' && value !== '') return value;
    return this.optionalObject(key)?.optionalString('id');
  }
}

const BARE_BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
const PUBLIC_KEYS_CACHED_MAX = 256;
const publicKeys = new Map<string, KeyObject | undefined>();

/**
 * An RSA public key from what an admin pasted: a PEM public key or certificate, or the bare base64 of the key
 * (how Alipay's console shows it). Parsed keys are cached: parsing costs about as much as the verification itself.
 * Undefined when it is not a key.
 */
export function publicKeyOf(text: string): KeyObject | undefined {
  if (publicKeys.has(text)) return publicKeys.get(text);
  let key: KeyObject | undefined;
  try {
    key = text.includes('-----BEGIN')
      ? createPublicKey(text)
      : BARE_BASE64.test(text) ? createPublicKey({ key: Buffer.from(text.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'spki' }) : undefined;
  } catch {
    key = undefined;
  }
  if (key !== undefined && key.asymmetricKeyType !== 'rsa') key = undefined;
  // A full cache is simply emptied: keys change rarely, and a bound matters more than the odd re-parse.
  if (publicKeys.size >= PUBLIC_KEYS_CACHED_MAX) publicKeys.clear();
  publicKeys.set(text, key);
  return key;
}

const BASE64_SIGNATURE = /^[A-Za-z0-9+/]+={0,2}$/;
const RSA_SIGNATURE_CHARS_MAX = 1_024;

/** RSA-SHA256 (PKCS#1 v1.5) of `message` by `key`, with the signature as base64 text. */
export function rsaSha256Verifies(key: KeyObject, message: Buffer, signatureBase64: string): boolean {
  if (signatureBase64.length > RSA_SIGNATURE_CHARS_MAX || !BASE64_SIGNATURE.test(signatureBase64)) return false;
  return cryptoVerify('sha256', message, key, Buffer.from(signatureBase64, 'base64'));
}
