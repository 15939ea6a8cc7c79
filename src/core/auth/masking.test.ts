import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAccountNumber, maskEmail, maskPhone, maskSensitiveFields } from './masking.js';

describe('maskPhone', () => {
  it.each([
    //  stored                  shown without sensitive.view
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '+86 138 **** 5678'],
    ['+8613812345678', '+86138****5678'],
    ['010-12345678', '010-****5678'],
    ['(021) 6123-4567', '(021) ****-4567'],
    ['12345678', '****5678'],
    ['1234567', '***4567'],
    ['95588', '***88'],
    ['12', '**'],
    ['', ''],
    ['n/a', '***'],
  ])('%s → %s', (phone, shown) => {
    expect(maskPhone(phone)).toBe(shown);
  });

  it('never shows more than the last 4 and the digits before the 8 last, and keeps the length', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+?[0-9]{2,4}[ -]?[0-9]{3,4}[ -]?[0-9]{2,8}$/), (phone) => {
        const masked = maskPhone(phone);
        expect(masked).toHaveLength(phone.length);
        const digits = phone.replace(/\D/g, '');
        const shown = masked.replace(/[^0-9*]/g, '');
        expect(shown.slice(-4)).toBe(digits.slice(-4));
        expect(shown.slice(-8, -4)).toBe('****'.slice(0, Math.min(4, digits.length - 4)));
        expect(shown.slice(0, -8)).toBe(digits.slice(0, -8));
      }),
    );
  });
});

describe('maskAccountNumber', () => {
  it.each([
    ['6222021234561234', '6222 **** **** 1234'],
    ['6222 0212 3456 1234', '6222 **** **** 1234'],
    ['6222021234567891234', '6222 **** **** 1234'],
    ['DE89 3704 0044 0532 0130 00', 'DE89 **** **** 3000'],
    ['12345678', '**** 5678'],
    ['1234', '****'],
    ['zhang.san@example.com', 'z***@example.com'],
  ])('%s → %s', (account, shown) => {
    expect(maskAccountNumber(account)).toBe(shown);
  });

  it('hides the length of long numbers: every 12+ character number masks to the same shape', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{12,30}$/), (account) => {
        expect(maskAccountNumber(account)).toMatch(/^[0-9]{4} \*{4} \*{4} [0-9]{4}$/);
        expect(maskAccountNumber(account).endsWith(account.slice(-4))).toBe(true);
      }),
    );
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['王五@例子.中国', '王***@例子.中国'],
    ['not-an-email', '***'],
    ['@example.com', '***'],
  ])('%s → %s', (email, shown) => {
    expect(maskEmail(email)).toBe(shown);
  });
});

describe('maskSensitiveFields', () => {
  it('masks sensitive fields at any depth (an audit record before/after) and leaves the rest alone', () => {
    const before = { id: 'u1', login: 'zhang', phone: '13812345678', email: 'zhang@example.com', profile: { mobile: '13987654321' }, receipts: [{ payerAccount: '6222021234561234', amount: '12.00' }], note: null };
    expect(maskSensitiveFields(before)).toEqual({
      id: 'u1',
      login: 'zhang',
      phone: '138****5678',
      email: 'z***@example.com',
      profile: { mobile: '139****4321' },
      receipts: [{ payerAccount: '6222 **** **** 1234', amount: '12.00' }],
      note: null,
    });
    // The input is not changed: the stored record keeps the full values.
    expect(before.phone).toBe('13812345678');
  });

  it('keeps null and non-string values under sensitive names, and plain values as they are', () => {
    expect(maskSensitiveFields({ phone: null, accountNumber: 12 })).toEqual({ phone: null, accountNumber: 12 });
    expect(maskSensitiveFields('13812345678')).toBe('13812345678');
    expect(maskSensitiveFields(null)).toBeNull();
  });
});
