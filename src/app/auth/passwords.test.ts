import { describe, expect, it } from 'vitest';
import { isKxError } from '../../core/errors.js';
import { hashPassword, passwordProblem, requireAcceptablePassword, verifyAgainstDummy, verifyPassword } from './passwords.js';

describe('password policy', () => {
  //  password                         login        refused because
  const cases: [string, string, string | null][] = [
    ['correct horse battery', 'alice', null],
    ['Tr0ub4dor&3', 'alice', null],
    ['密码要长一点才好用', 'alice', null], // 9 characters, 27 bytes
    ['abcdefgh'.repeat(8), 'alice', null], // 64 characters
    ['1234567', 'alice', 'at least 8'],
    ['密码太短了', 'alice', 'at least 8'],
    ['x'.repeat(65), 'alice', 'at most 64'],
    ['password', 'alice', 'most common'],
    ['Password1', 'alice', 'most common'],
    ['QWERTYUIOP', 'alice', 'most common'],
    ['woaini1314', 'alice', 'most common'], // from the Chinese supplement
    ['88888888', 'alice', 'most common'],
    ['zzzzzzzzzz', 'alice', 'most common'], // one character repeated
    ['Frederick', 'frederick', 'not be the login'],
    ['frederick', ' FREDERICK ', 'not be the login'],
  ];

  it.each(cases)('%j for login %j → %s', (password, login, refusal) => {
    const problem = passwordProblem(password, login, 'newPassword');
    if (refusal === null) {
      expect(problem).toBeUndefined();
    } else {
      expect(problem).toMatchObject({ field: 'newPassword', code: 'weak_password' });
      expect(problem!.message).toContain(refusal);
    }
  });

  it('refuses with weak_password and the field, for the HTTP edge to show', () => {
    const error = (() => {
      try {
        requireAcceptablePassword('letmein1', 'bob');
      } catch (e) {
        return e;
      }
    })();
    expect(isKxError(error, 'weak_password') && error.fields).toEqual([{ field: 'password', code: 'weak_password', message: expect.stringContaining('common') }]);
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and a salt, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery'), hashPassword('correct horse battery')]);
    expect(a).toMatch(/^\$argon2id\$v=19\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(a, 'correct horse batterY')).toBe(false);
  });

  it('treats an unreadable stored hash as a wrong password rather than crashing', async () => {
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    expect(await verifyPassword('', 'anything')).toBe(false);
  });

  it('the dummy verification never succeeds', async () => {
    expect(await verifyAgainstDummy('')).toBe(false);
    expect(await verifyAgainstDummy('correct horse battery')).toBe(false);
  });
});
