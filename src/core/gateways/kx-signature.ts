import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The Kx-Signature scheme, one implementation for both directions: the generic inbound webhook verifies it
 * (src/adapters/gateways/generic-hmac.ts) and outbound webhook deliveries are signed with it (src/app/notify),
 * so an integrator who receives our webhooks and one who sends us theirs use the same few lines of code.
 *
 *   Kx-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>
 *
 * Modelled on Stripe's scheme: several v1 values may be sent (secret rotation), unknown schemes are ignored.
 */

export const KX_SIGNATURE_HEADER = 'kx-signature';

// Bounds on the work an unauthenticated header can ask for.
const HEADER_CHARS_MAX = 1_024;
const SIGNATURES_PER_HEADER_MAX = 8;
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const UNIX_SECONDS = /^[1-9][0-9]{0,10}$/;

function hmacOf(secret: string, t: number, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest();
}

function bytesOf(body: string | Buffer): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

/** The header value that signs `body` at Unix time `t` (seconds). */
export function signKx(secret: string, body: string | Buffer, t: number): string {
  return `t=${t},v1=${hmacOf(secret, t, bytesOf(body)).toString('hex')}`;
}

export type KxSignatureCheck =
  | { ok: true; t: number; signatures: number; secrets: number }
  | { ok: false; reason: 'malformed' | 'mismatch' | 'stale'; detail: string; t?: number };

/**
 * Checks a Kx-Signature header against the raw body with any of `secrets`, and that its time is within
 * `skewMsMax` of `nowMs` (checked only once the signature matched, so "stale" always means genuine but old).
 */
export function checkKxSignature(header: string | undefined, rawBody: string | Buffer, secrets: readonly string[], nowMs: number, skewMsMax: number): KxSignatureCheck {
  const parsed = parseHeader(header);
  if ('error' in parsed) return { ok: false, reason: 'malformed', detail: parsed.error };
  const usable = secrets.filter((s) => s !== '');
  if (usable.length === 0) return { ok: false, reason: 'mismatch', detail: 'no HMAC secret is configured' };
  const body = bytesOf(rawBody);
  let matched = false;
  for (const secret of usable) {
    const expected = hmacOf(secret, parsed.t, body);
    // No early exit: the time taken does not tell which secret or which signature matched.
    for (const signature of parsed.signatures) matched = sameBytes(expected, signature) || matched;
  }
  if (!matched) return { ok: false, reason: 'mismatch', detail: 'no v1 signature matches the body with a configured secret' };
  if (!(Math.abs(nowMs - parsed.t * 1000) <= skewMsMax)) return { ok: false, reason: 'stale', detail: 'the signed time is too far from now', t: parsed.t };
  return { ok: true, t: parsed.t, signatures: parsed.signatures.length, secrets: usable.length };
}

function parseHeader(header: string | undefined): { t: number; signatures: Buffer[] } | { error: string } {
  if (header === undefined) return { error: 'the Kx-Signature header is missing' };
  if (header.length > HEADER_CHARS_MAX) return { error: 'the Kx-Signature header is too long' };
  let t: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (rest.length > 0 || value === undefined) return { error: 'the Kx-Signature header is not t=…,v1=…' };
    if (key === 't') {
      if (t !== undefined) return { error: 'the Kx-Signature header has two timestamps' };
      if (!UNIX_SECONDS.test(value)) return { error: 'the Kx-Signature timestamp is not Unix seconds' };
      t = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return { error: 'a v1 signature is not 64 hex digits' };
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other schemes (a future v2) are ignored, as Stripe does, so senders can add one before we verify it.
  }
  if (t === undefined) return { error: 'the Kx-Signature header has no t=' };
  if (signatures.length === 0) return { error: 'the Kx-Signature header has no v1 signature' };
  if (signatures.length > SIGNATURES_PER_HEADER_MAX) return { error: 'the Kx-Signature header has too many signatures' };
  return { t, signatures };
}

function sameBytes(expected: Buffer, actual: Buffer): boolean {
  // timingSafeEqual throws on different lengths; comparing expected with itself keeps the time the same.
  if (expected.length !== actual.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, actual);
}
