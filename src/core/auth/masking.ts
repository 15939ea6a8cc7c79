/**
 * Field masking: how sensitive values (contact phone numbers, payer and bank account numbers, e-mail
 * addresses) are shown to someone without the 'sensitive.view' permission. Pure rules, used by every
 * response, export and the audit view; the stored value is always the full one.
 *
 * The rules keep just enough to recognise a value ("the one ending 5678") and never enough to use it.
 */

const maskChar = '*';

/**
 * A phone number keeps its layout (spaces, '+', hyphens) and its digits except the four before the last
 * four: 13812345678 → 138****5678, +86 138 1234 5678 → +86 138 **** 5678, 010-12345678 → 010-****5678.
 * Masking by position from the end keeps country and area codes (not sensitive) visible whatever their
 * length. Numbers of 3–6 digits (extensions, short codes) show only their last 2 digits; shorter ones nothing.
 */
export function maskPhone(phone: string): string {
  const digitCount = countDigits(phone);
  if (digitCount === 0) return maskChar.repeat(Math.min(phone.length, 8));
  const [maskFrom, maskTo] = digitCount >= 7 ? [Math.max(0, digitCount - 8), digitCount - 4] : [0, digitCount > 2 ? digitCount - 2 : digitCount];
  let index = 0;
  let out = '';
  for (const ch of phone) {
    if (isDigit(ch)) {
      out += index >= maskFrom && index < maskTo ? maskChar : ch;
      index++;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * A bank card, bank account, IBAN or payment-app account number: the first 4 and last 4 characters with a
 * fixed mask between (6222021234561234 → 6222 **** **** 1234), so the mask hides the length too. Shorter
 * numbers (5–11 characters) keep only their last 4, and 4 or fewer characters are masked whole. An account
 * that is an e-mail address (Alipay, PayPal) is masked as one.
 */
export function maskAccountNumber(account: string): string {
  if (account.includes('@')) return maskEmail(account);
  const chars = [...account].filter((ch) => /[0-9A-Za-z]/.test(ch));
  if (chars.length >= 12) return `${chars.slice(0, 4).join('')} **** **** ${chars.slice(-4).join('')}`;
  if (chars.length >= 5) return `**** ${chars.slice(-4).join('')}`;
  return maskChar.repeat(4);
}

/** zhang.san@example.com → z***@example.com: the first character of the mailbox and the whole domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return maskChar.repeat(3);
  const first = [...email.slice(0, at)][0]!;
  return `${first}***${email.slice(at)}`;
}

export type SensitiveKind = 'phone' | 'account' | 'email';

/**
 * Field names that hold sensitive values wherever they appear (API bodies, audit before/after, exports).
 * A feature that adds a sensitive field adds its name here, so the audit view masks it too.
 */
export const sensitiveFields: Readonly<Record<string, SensitiveKind>> = {
  phone: 'phone',
  mobile: 'phone',
  contactPhone: 'phone',
  payerPhone: 'phone',
  email: 'email',
  contactEmail: 'email',
  payerEmail: 'email',
  payerAccount: 'account',
  payerAccountNumber: 'account',
  accountNumber: 'account',
  bankAccount: 'account',
  bankAccountNumber: 'account',
  cardNumber: 'account',
  iban: 'account',
};

export function maskValue(kind: SensitiveKind, value: string): string {
  if (kind === 'phone') return maskPhone(value);
  if (kind === 'email') return maskEmail(value);
  return maskAccountNumber(value);
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A copy of a JSON value (an audit record's before/after, a row of an export) with every string under a
 * sensitive field name masked, at any depth. Everything else is returned unchanged.
 */
export function maskSensitiveFields<T extends Json | undefined>(value: T, fields: Readonly<Record<string, SensitiveKind>> = sensitiveFields): T {
  if (Array.isArray(value)) return value.map((item) => maskSensitiveFields(item, fields)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: Json } = {};
  for (const [key, item] of Object.entries(value)) {
    const kind = Object.hasOwn(fields, key) ? fields[key] : undefined;
    out[key] = kind && typeof item === 'string' ? maskValue(kind, item) : maskSensitiveFields(item, fields);
  }
  return out as T;
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}

function countDigits(text: string): number {
  let n = 0;
  for (const ch of text) if (isDigit(ch)) n++;
  return n;
}
