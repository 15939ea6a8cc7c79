import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { KxError, type FieldIssue } from '../../core/errors.js';

/** Bounds of a password, in characters (code points, so 8 Chinese characters count as 8). */
export const passwordCharsMin = 8;
export const passwordCharsMax = 64;

/**
 * Passwords people pick first. The zxcvbn-ts list (about 49,000 entries, shipped inside its npm package,
 * nothing fetched at run time) comes from Western leaks; the supplement holds frequent ones from Chinese
 * leaks (CSDN 2011 and later top lists) that it lacks. Compared in lower case, like zxcvbn does.
 */
const commonPasswords: ReadonlySet<string> = new Set([
  ...dictionary['passwords-common'],
  ...['dearbook', '123123123', '987654321', '87654321', '0123456789', '12121212', '12341234', '110110110', 'asdasdasd', 'woaini1314', 'woaini520', 'woaini123', '5201314520', '1314520520', 'wang1234', 'zhang123', 'admin888', 'admin1234', '88888888a', 'abcdefgh', 'xiazhili', 'kuanxiang'],
]);

/** Why a password is refused, as a field issue on `field`, or undefined when it is acceptable. */
export function passwordProblem(password: string, login: string, field = 'password'): FieldIssue | undefined {
  const chars = [...password];
  const issue = (message: string): FieldIssue => ({ field, code: 'weak_password', message });
  if (chars.length < passwordCharsMin) return issue(`a password needs at least ${passwordCharsMin} characters`);
  if (chars.length > passwordCharsMax) return issue(`a password has at most ${passwordCharsMax} characters`);
  const lower = password.toLowerCase();
  if (lower === login.trim().toLowerCase()) return issue('the password must not be the login');
  // One character repeated ("aaaaaaaa", "00000000") is as guessable as any list entry.
  if (commonPasswords.has(lower) || new Set(chars).size === 1) return issue('this password is among the most common ones; choose another');
  return undefined;
}

/** Throws weak_password (with a field error) unless the password meets the policy. */
export function requireAcceptablePassword(password: string, login: string, field = 'password'): void {
  const problem = passwordProblem(password, login, field);
  if (problem) throw new KxError('weak_password', problem.message, { fields: [problem] });
}

export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/** False for a wrong password and for a stored hash argon2 cannot read (never throws on bad data). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when the stored hash was made with weaker parameters than today's: re-hash it at the next sign-in. */
export function passwordNeedsRehash(storedHash: string): boolean {
  try {
    return argon2.needsRehash(storedHash);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies the password against a hash of a random string that no one knows: a sign-in for a login that does
 * not exist then costs the same argon2 work as one with a wrong password, so timing does not tell them apart.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(32).toString('base64url'));
  await verifyPassword(await dummyHash, password);
  return false;
}
