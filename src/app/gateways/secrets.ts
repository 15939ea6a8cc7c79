import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Integration secrets at rest: AES-256-GCM under one 32-byte key per installation (KX_SECRET_KEY, else a key
 * file made once in the data directory). A database dump alone then reveals no webhook secret. The stored form
 * is `v1:` + base64(iv ‖ tag ‖ ciphertext); the version leaves room for rotating to another key later.
 * The integration's id is bound in as additional data, so a ciphertext copied onto another integration row
 * does not decrypt there.
 */
export const secretKeyBytes = 32;
const ivBytes = 12;
const tagBytes = 16;
const version = 'v1:';

export function requireSecretKey(key: Buffer): Buffer {
  if (key.length !== secretKeyBytes) throw new Error(`the secret key must be ${secretKeyBytes} bytes, not ${key.length}`);
  return key;
}

export function encryptSecrets(key: Buffer, integrationId: string, secrets: Record<string, string>): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', requireSecretKey(key), iv);
  cipher.setAAD(Buffer.from(integrationId, 'utf8'));
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return version + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function decryptSecrets(key: Buffer, integrationId: string, stored: string): Record<string, string> {
  // A wrong key or a tampered row is an operator's problem, not the caller's: it must fail loudly.
  if (!stored.startsWith(version)) throw new Error('integration secrets: unknown ciphertext version');
  const raw = Buffer.from(stored.slice(version.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', requireSecretKey(key), raw.subarray(0, ivBytes));
  decipher.setAAD(Buffer.from(integrationId, 'utf8'));
  decipher.setAuthTag(raw.subarray(ivBytes, ivBytes + tagBytes));
  const text = Buffer.concat([decipher.update(raw.subarray(ivBytes + tagBytes)), decipher.final()]).toString('utf8');
  return JSON.parse(text) as Record<string, string>;
}

/**
 * The installation's key when none is configured: read from `<dataDir>/secret.key`, created once (random,
 * mode 0600) on first start. Losing the file makes the stored secrets unreadable (re-enter them); that is
 * the price of keeping it out of the database.
 */
export function secretKeyFromFile(dataDir: string): Buffer {
  const path = join(dataDir, 'secret.key');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx': two processes starting at once cannot both create it; the loser reads the winner's key.
    try {
      writeFileSync(path, randomBytes(secretKeyBytes).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    chmodSync(path, 0o600);
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length !== secretKeyBytes) throw new Error(`${path} does not hold a base64 ${secretKeyBytes}-byte key`);
  return key;
}
