import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUnstorableText } from '../src/adapters/http/app.js';
import { createUser, newTenant, sessionFor, startTestApp, as, type TestApp, type TestSession } from './helpers/http.js';

describe('findUnstorableText', () => {
  it.each([
    ['plain text', { a: '上海锦程', b: ['x', { c: '😀' }] }, undefined],
    ['a NUL in a nested string', { a: [{ b: 'x\u0000y' }] }, 'a[0].b'],
    ['a lone high surrogate', { name: 'x\ud800y' }, 'name'],
    ['a lone low surrogate at the start', ['\udc00'], '[0]'],
    ['a NUL in a key', { 'k\u0000': 1 }, 'k\u0000'],
    ['the value itself', 'a\u0000', ''],
  ])('%s', (_name, value, expected) => {
    expect(findUnstorableText(value)).toBe(expected);
  });
});

let t: TestApp;
let admin: TestSession;
beforeAll(async () => {
  t = await startTestApp();
  const tenantId = await newTenant(t.db, 'guard');
  admin = await sessionFor(t.db, tenantId, await createUser(t.db, tenantId, { login: 'root', role: 'admin' }));
});
afterAll(async () => t?.close());

describe('requests with text the database cannot store', () => {
  it.each([
    ['sign-in with a NUL in the login (no session needed)', null, { method: 'POST', url: '/api/v1/auth/sign-in', payload: { tenant: 'guard', login: 'a\u0000b', password: 'whatever-123' } }, 'login'],
    ['a customer name with a lone surrogate', 'admin', { method: 'POST', url: '/api/v1/customers', payload: { code: 'C1', name: 'x\udc00' } }, 'name'],
    ['a NUL in a query parameter', 'admin', { method: 'GET', url: '/api/v1/customers?q=%00' }, 'q'],
  ] as const)('%s → 422, nothing written', async (_name, who, options, field) => {
    const before = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await t.app.inject(as(who ? admin : null, { ...options } as never));
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field }] });
    const after = await t.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
