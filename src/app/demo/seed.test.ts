import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../adapters/db/database.js';
import { createTestDatabase } from '../../../test/helpers/db.js';
import { isKxError } from '../../core/errors.js';
import { verifyAuditChain } from '../audit.js';
import { signIn } from '../auth/signin.js';
import { accountBalances, trialBalance } from '../ledger.js';
import type { DB } from '../schema.js';
import { verifyLedger } from '../verify.js';
import { seedDemo, type SeedDemoSummary } from './seed.js';

/** Small enough to seed three tenants in seconds on PGlite. */
const args = { receipts: 300, asOf: '2026-06-30' };

let database: Database;
let a: SeedDemoSummary;
let b: SeedDemoSummary;
let c: SeedDemoSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  a = await seedDemo(database.db, { ...args, seed: 7, slug: 'demo-a' });
  b = await seedDemo(database.db, { ...args, seed: 7, slug: 'demo-b' });
  c = await seedDemo(database.db, { ...args, seed: 8, slug: 'demo-c' });
});
afterAll(async () => database?.close());

/**
 * A digest of a tenant's business data: every line with its entry's date and memo and the codes and names of
 * what it refers to, ids left out (they are made fresh on every run), as a sorted multiset.
 */
async function businessDigest(db: Kysely<DB>, tenantId: string): Promise<string> {
  const rows = await sql<Record<string, unknown>>`
    select e.entry_date, e.memo, l.line_no, a.code as account, l.currency, l.amount_minor::text as amount,
           c.code as customer, c.name as customer_name, p.code as product, u.login as owner, u.display_name,
           d.code as department, l.channel, l.memo as line_memo
      from journal_lines l
      join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
      join accounts a on a.tenant_id = l.tenant_id and a.id = l.account_id
      left join customers c on c.tenant_id = l.tenant_id and c.id = l.customer_id
      left join products p on p.tenant_id = l.tenant_id and p.id = l.product_id
      left join users u on u.tenant_id = l.tenant_id and u.id = l.owner_id
      left join departments d on d.tenant_id = l.tenant_id and d.id = l.department_id
     where l.tenant_id = ${tenantId}`.execute(db);
  const lines = rows.rows.map((r) => JSON.stringify(Object.values(r))).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

describe('seed-demo', () => {
  it('gives the same business data for the same seed and as-of, and different data for another seed', async () => {
    expect(a.entries).toBeGreaterThan(300);
    const [digestA, digestB, digestC] = await Promise.all([a, b, c].map((s) => businessDigest(database.db, s.tenantId)));
    expect(digestB).toBe(digestA);
    expect(digestC).not.toBe(digestA);
    expect({ ...b, tenantId: '', slug: '', elapsedMs: 0 }).toEqual({ ...a, tenantId: '', slug: '', elapsedMs: 0 });
  });

  it('leaves a ledger that verifies, with a trial balance of zero in each currency', async () => {
    const report = await verifyLedger(database.db);
    expect(report.checks.filter((check) => check.problems.length > 0)).toEqual([]);
    const tb = await trialBalance(database.db, a.tenantId);
    expect([...tb.totals.keys()].sort()).toEqual(['CNY', 'USD']);
    for (const total of tb.totals.values()) expect(total).toBe(0n);
    expect(await verifyAuditChain(database.db, a.tenantId)).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', a.tenantId).execute();
    expect(audit.map((r) => r.action)).toContain('demo.seeded');
  });

  it('caps receipts at --receipts and dates nothing after as-of', async () => {
    expect(a.eventsByKind.receipt + a.eventsByKind.prepayment).toBeLessThanOrEqual(args.receipts);
    expect(a.eventsByKind.receipt + a.eventsByKind.prepayment).toBeGreaterThan(args.receipts * 0.9);
    const span = await database.db
      .selectFrom('journal_entries')
      .select((eb) => [eb.fn.min('entry_date').as('first'), eb.fn.max('entry_date').as('last'), eb.fn.countAll<bigint>().as('n')])
      .where('tenant_id', '=', a.tenantId)
      .executeTakeFirstOrThrow();
    expect(span.last <= args.asOf).toBe(true);
    expect(span.first < '2025-01-15').toBe(true);
    expect(Number(span.n)).toBe(a.entries);
  });

  it('has overdue open receivables at as-of, and the receivable ledger equals what the plans leave open', async () => {
    expect(a.overdueInstalments).toBeGreaterThan(0);
    const receivable = await accountBalances(database.db, a.tenantId, { account: 'accounts_receivable' });
    const byCurrency: Record<string, bigint> = {};
    for (const row of receivable) byCurrency[row.currency] = (byCurrency[row.currency] ?? 0n) + row.balanceMinor;
    expect(byCurrency).toEqual(a.openMinor);
    for (const [currency, overdue] of Object.entries(a.overdueMinor)) expect(overdue).toBeLessThanOrEqual(byCurrency[currency]!);
  });

  it('uses every kind of posting: orders, receipts by several channels, prepayments, refunds', async () => {
    for (const kind of ['order', 'receipt', 'prepayment', 'application'] as const) {
      expect(a.eventsByKind[kind], kind).toBeGreaterThan(0);
    }
    // Refunds are rare (about one order in thirty): a small demo has a few, of one kind or the other.
    expect(a.eventsByKind.refund_advance + a.eventsByKind.return).toBeGreaterThan(0);
    const sources = await database.db.selectFrom('journal_entries').select('source').distinct().where('tenant_id', '=', a.tenantId).execute();
    expect(sources.map((r) => r.source).sort()).toEqual(expect.arrayContaining(['allocation', 'order', 'receipt', 'refund']));
    const channels = await database.db
      .selectFrom('journal_lines')
      .select('channel')
      .distinct()
      .where('tenant_id', '=', a.tenantId)
      .where('channel', 'is not', null)
      .execute();
    expect(channels.length).toBeGreaterThanOrEqual(4);
  });

  it('has Chinese and English customer names, customer codes, sales owners and a department hierarchy', async () => {
    const customers = await database.db.selectFrom('customers').select(['code', 'name']).where('tenant_id', '=', a.tenantId).execute();
    expect(customers.length).toBeGreaterThanOrEqual(200);
    expect(customers.every((row) => /^C\d{6}$/.test(row.code))).toBe(true);
    expect(customers.some((row) => /^[\u4e00-\u9fff]{2,}.*公司$/.test(row.name))).toBe(true);
    expect(customers.some((row) => /^[A-Z][a-z]+ [A-Za-z]+ /.test(row.name))).toBe(true);
    const users = await database.db.selectFrom('users').select(['role', 'password_hash']).where('tenant_id', '=', a.tenantId).execute();
    expect(users.filter((u) => u.role === 'sales').length).toBeGreaterThanOrEqual(10);
    // Sales reps enter; one finance user confirms and approves. Nobody can sign in until given a password.
    expect(users.filter((u) => u.role === 'finance')).toHaveLength(1);
    expect(users.every((u) => (u.role === 'sales' || u.role === 'finance') && u.password_hash === null)).toBe(true);
    const departments = await database.db.selectFrom('departments').select(['name', 'parent_id']).where('tenant_id', '=', a.tenantId).execute();
    expect(departments.map((d) => d.name)).toEqual(expect.arrayContaining(['华东销售部', '华南销售部', '北方大区']));
    expect(departments.filter((d) => d.parent_id === null)).toHaveLength(1);
  });

  it('with an admin, gives the demo tenant an administrator who can sign in (and checks the password first)', async () => {
    const weak = await seedDemo(database.db, { receipts: 20, asOf: args.asOf, seed: 9, slug: 'demo-weak', admin: { login: 'admin', password: 'short' } }).catch((e: unknown) => e);
    expect(isKxError(weak, 'weak_password')).toBe(true);
    expect(await database.db.selectFrom('tenants').select('id').where('slug', '=', 'demo-weak').executeTakeFirst()).toBeUndefined();

    const seeded = await seedDemo(database.db, { receipts: 20, asOf: args.asOf, seed: 9, slug: 'demo-admin', admin: { login: 'admin', password: 'Demo-admin-pass-2026!' } });
    const signedIn = await signIn(database.db, { tenant: 'demo-admin', login: 'admin', password: 'Demo-admin-pass-2026!' }, { ip: '127.0.0.1', userAgent: 'vitest' });
    expect(signedIn.user.role).toBe('admin');
    expect(await verifyAuditChain(database.db, seeded.tenantId)).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select('action').where('tenant_id', '=', seeded.tenantId).execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['demo.seeded', 'user.created']));
  });

  it('refuses a slug that already exists', async () => {
    const error = await seedDemo(database.db, { ...args, seed: 1, slug: 'demo-a' }).catch((e: unknown) => e);
    expect(isKxError(error, 'validation_failed')).toBe(true);
    expect((error as Error).message).toMatch(/already exists/);
  });
});
