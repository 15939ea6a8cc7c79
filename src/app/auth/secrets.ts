import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: the secret half of a session cookie or API key. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Secrets are high-entropy, so a plain SHA-256 is enough to store them (no password stretching needed). */
export function secretHash(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const candidate = secretHash(secret);
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash);
}

/**
 * The CSRF token of a session: derived from the session secret, so it needs no storage, changes with every
 * new session, and cannot be computed by a page that cannot read the HttpOnly session cookie.
 */
export function csrfTokenFor(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('kuanxiang csrf v1').digest('base64url');
}

export function csrfTokenMatches(sessionSecret: string, presented: string): boolean {
  const expected = Buffer.from(csrfTokenFor(sessionSecret));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const secretShape = /^[A-Za-z0-9_-]{43}$/;

/** Session cookie: `<tenant id>.<session id>.<secret>`. The ids locate the row; only the secret proves it. */
export function formatSessionToken(tenantId: string, sessionId: string, secret: string): string {
  return `${tenantId}.${sessionId}.${secret}`;
}

export function parseSessionToken(token: string): { tenantId: string; sessionId: string; secret: string } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || !uuid.test(parts[0]!) || !uuid.test(parts[1]!) || !secretShape.test(parts[2]!)) return undefined;
  return { tenantId: parts[0]!, sessionId: parts[1]!, secret: parts[2]! };
}

/** API key: `kx_<tenant id>_<key id>_<secret>`; the prefix lets secret scanners recognise leaked keys. */
export function formatApiKey(tenantId: string, keyId: string, secret: string): string {
  return `kx_${tenantId}_${keyId}_${secret}`;
}

export function parseApiKey(key: string): { tenantId: string; keyId: string; secret: string } | undefined {
  const match = /^kx_([0-9a-f-]{36})_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!match || !uuid.test(match[1]!) || !uuid.test(match[2]!)) return undefined;
  return { tenantId: match[1]!, keyId: match[2]!, secret: match[3]! };
}
