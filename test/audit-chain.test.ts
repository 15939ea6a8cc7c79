import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { systemActor, type Actor } from '../src/app/actor.js';
import { appendAudit, appendAudits, verifyAuditChain } from '../src/app/audit.js';
import type { DB } from '../src/app/schema.js';
import { inTransaction } from '../src/app/transaction.js';
import { createTestDatabase, testDatabaseKind } from './helpers/db.js';
import { newTenant } from './helpers/http.js';

/**
 * The audit trail against someone with direct database access (a superuser): each test writes a tenant's
 * trail through the application, then tampers with the stored rows the way such a person could, and
 * verification must name exactly what was done.
 */
let database: Database;
let db: Kysely<DB>;
let slugs = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => database?.close());

/** A tenant with `count` audited changes (customers renamed, with phone numbers and nested values). */
async function tenantWithTrail(count = 10): Promise<{ tenantId: string; actor: Actor }> {
  const tenantId = await newTenant(db, `audit-${++slugs}`);
  const actor: Actor = { ...systemActor(tenantId), label: 'import-job', ip: '10.1.2.3', userAgent: 'kx-test/1' };
  for (let i = 1; i <= count; i++) {
    await inTransaction(db, (trx) =>
      appendAudit(trx, actor, {
        action: 'customer.updated',
        entityType: 'customer',
        entityId: `C${i}`,
        before: { name: `客户 ${i}`, phone: '13812345678', limits: { credit: '1000.00' } },
        after: { name: `客户 ${i}（新）`, phone: '13812345679', limits: { credit: `${i}00.00` } },
        reason: i % 2 === 0 ? 'customer asked' : null,
      }),
    );
  }
  return { tenantId, actor };
}

/** Runs statements on audit_log with its append-only trigger off, the way a superuser could; on again after. */
async function tamper(work: (trx: Kysely<DB>) => Promise<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`.execute(trx);
    await work(trx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`.execute(trx);
  });
}

async function recordAt(tenantId: string, seq: number) {
  return db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId).where('seq', '=', BigInt(seq)).executeTakeFirstOrThrow();
}

const summary = (problems: Awaited<ReturnType<typeof verifyAuditChain>>) => problems.map((p) => ({ seq: Number(p.seq), id: p.id, problem: p.problem }));

describe('an audit trail nobody touched', () => {
  it('verifies clean', async () => {
    const { tenantId } = await tenantWithTrail();
    expect(await verifyAuditChain(db, tenantId)).toEqual([]);
  });

  // The database finishes each record's hash (kx_append_audit) from the text the application hashed up to the
  // seq (auditHashTail); the application's verifier recomputes it whole (auditHash). Text that JSON escapes,
  // that is not ASCII, or that needs surrogate pairs must hash the same on both sides.
  it('verifies clean whatever the text: quotes, backslashes, control characters, CJK, emoji, nested values, several records at once', async () => {
    const tenantId = await newTenant(db, `audit-${++slugs}`);
    const actor: Actor = { ...systemActor(tenantId), label: 'ops "night" \\ job', ip: '::1', userAgent: 'kx/1 (测试; 😀)' };
    const odd = 'a "quote", a \\ backslash, a tab\t, a newline\n, \u0001, 中文, 𠀋, 😀, é (e\u0301)';
    await inTransaction(db, (trx) =>
      appendAudits(trx, actor, [
        { action: 'customer.updated', entityType: 'customer', entityId: odd, before: { z: odd, a: [1, null, true, { y: '', b: odd }] }, after: null, reason: odd },
        { action: 'customer.created', entityType: 'customer', entityId: null, before: null, after: { name: '客户 "1"', n: 9007199254740991 } },
      ]),
    );
    await inTransaction(db, (trx) => appendAudit(trx, actor, { action: 'customer.deleted', entityType: 'customer', entityId: '😀', reason: '' }));
    expect(await verifyAuditChain(db, tenantId)).toEqual([]);
    const head = await db.selectFrom('audit_heads').select(['seq']).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(head.seq).toBe(3n);
  });

  it('cannot be changed by the application role: the database refuses UPDATE, DELETE and TRUNCATE', async () => {
    const { tenantId } = await tenantWithTrail(2);
    await expect(db.updateTable('audit_log').set({ reason: 'x' }).where('tenant_id', '=', tenantId).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('tenant_id', '=', tenantId).execute()).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditChain(db, tenantId)).toEqual([]);
  });
});

describe('tampering is found and named', () => {
  it('one byte of actor_label changed: exactly that record is named altered', async () => {
    const { tenantId } = await tenantWithTrail();
    const victim = await recordAt(tenantId, 4);
    // 'import-job' → 'import-jov': one byte.
    await tamper((trx) => trx.updateTable('audit_log').set({ actor_label: 'import-jov' }).where('tenant_id', '=', tenantId).where('seq', '=', 4n).execute());
    expect((await recordAt(tenantId, 4)).actor_label).toBe('import-jov');
    expect(summary(await verifyAuditChain(db, tenantId))).toEqual([{ seq: 4, id: victim.id, problem: 'altered' }]);
  });

  it('one character inside `after` changed: exactly that record is named altered', async () => {
    const { tenantId } = await tenantWithTrail();
    const victim = await recordAt(tenantId, 7);
    await tamper((trx) => sql`UPDATE audit_log SET after = jsonb_set(after, '{limits,credit}', '"701.00"') WHERE tenant_id = ${tenantId} AND seq = 7`.execute(trx));
    expect((await recordAt(tenantId, 7)).after).toMatchObject({ limits: { credit: '701.00' } });
    expect(summary(await verifyAuditChain(db, tenantId))).toEqual([{ seq: 7, id: victim.id, problem: 'altered' }]);
  });

  it('a record deleted from the middle: the gap is named missing at its seq', async () => {
    const { tenantId } = await tenantWithTrail();
    await tamper((trx) => trx.deleteFrom('audit_log').where('tenant_id', '=', tenantId).where('seq', '=', 5n).execute());
    const problems = await verifyAuditChain(db, tenantId);
    expect(summary(problems)).toEqual([{ seq: 5, id: null, problem: 'missing' }]);
    expect(problems[0]!.message).toMatch(/audit record 5 is missing/);
  });

  it('the last record deleted: the chain head no longer matches', async () => {
    const { tenantId } = await tenantWithTrail();
    await tamper((trx) => trx.deleteFrom('audit_log').where('tenant_id', '=', tenantId).where('seq', '=', 10n).execute());
    expect(summary(await verifyAuditChain(db, tenantId))).toEqual([{ seq: 10, id: null, problem: 'head_mismatch' }]);
  });

  it('two records swapped (their seq values exchanged): both places are named', async () => {
    const { tenantId } = await tenantWithTrail();
    const [third, eighth] = [await recordAt(tenantId, 3), await recordAt(tenantId, 8)];
    await tamper(async (trx) => {
      // Through a free seq, because the primary key is checked row by row.
      await sql`UPDATE audit_log SET seq = 1000000 WHERE tenant_id = ${tenantId} AND seq = 3`.execute(trx);
      await sql`UPDATE audit_log SET seq = 3 WHERE tenant_id = ${tenantId} AND seq = 8`.execute(trx);
      await sql`UPDATE audit_log SET seq = 8 WHERE tenant_id = ${tenantId} AND seq = 1000000`.execute(trx);
    });
    const problems = summary(await verifyAuditChain(db, tenantId));
    expect(problems).toContainEqual({ seq: 3, id: eighth.id, problem: 'altered' });
    expect(problems).toContainEqual({ seq: 8, id: third.id, problem: 'altered' });
    expect(problems.filter((p) => p.problem === 'altered').map((p) => p.seq)).toEqual([3, 8]);
    expect(problems.filter((p) => p.problem === 'broken_link').map((p) => p.seq)).toEqual([3, 4, 8, 9]);
  });

  it('two records swapped in content but not in seq: noticed', async () => {
    const { tenantId } = await tenantWithTrail();
    await tamper((trx) =>
      sql`UPDATE audit_log a SET id = b.id, occurred_at = b.occurred_at, actor_kind = b.actor_kind, actor_id = b.actor_id, actor_label = b.actor_label,
                 ip = b.ip, user_agent = b.user_agent, action = b.action, entity_type = b.entity_type, entity_id = b.entity_id,
                 before = b.before, after = b.after, reason = b.reason, prev_hash = b.prev_hash, hash = b.hash
            FROM audit_log b
           WHERE a.tenant_id = ${tenantId} AND b.tenant_id = ${tenantId}
             AND ((a.seq = 2 AND b.seq = 6) OR (a.seq = 6 AND b.seq = 2))`.execute(trx),
    );
    const problems = summary(await verifyAuditChain(db, tenantId));
    // Each moved record no longer hashes at its place, and no longer links to its neighbours.
    expect(problems.filter((p) => p.problem === 'altered').map((p) => p.seq)).toEqual([2, 6]);
    expect(problems.filter((p) => p.problem === 'broken_link').map((p) => p.seq)).toEqual([2, 3, 6, 7]);
  });

  it('a forged record appended behind the application’s back: the head does not match', async () => {
    const { tenantId } = await tenantWithTrail(3);
    const last = await recordAt(tenantId, 3);
    await tamper((trx) =>
      trx.insertInto('audit_log').values({ ...last, seq: 4n, id: '0190a6a0-0000-7000-8000-000000000999', prev_hash: last.hash, before: null, after: JSON.stringify({ forged: true }) }).execute(),
    );
    expect(summary(await verifyAuditChain(db, tenantId))).toContainEqual({ seq: 4, id: '0190a6a0-0000-7000-8000-000000000999', problem: 'altered' });
  });

  it('tampering in one tenant says nothing about another', async () => {
    const [spoiled, intact] = [await tenantWithTrail(3), await tenantWithTrail(3)];
    await tamper((trx) => trx.updateTable('audit_log').set({ reason: 'later' }).where('tenant_id', '=', spoiled.tenantId).where('seq', '=', 2n).execute());
    expect(await verifyAuditChain(db, spoiled.tenantId)).toHaveLength(1);
    expect(await verifyAuditChain(db, intact.tenantId)).toEqual([]);
  });
});

describe('concurrent appenders', () => {
  const appenders = 8;
  const perAppender = 50;

  it(`${appenders} appenders × ${perAppender} records (${testDatabaseKind}): no gaps, no forks, the chain verifies`, async () => {
    const tenantId = await newTenant(db, `audit-concurrent-${++slugs}`);
    await Promise.all(
      Array.from({ length: appenders }, async (_, a) => {
        const actor: Actor = { ...systemActor(tenantId), label: `appender-${a}` };
        for (let i = 0; i < perAppender; i++) {
          await inTransaction(db, (trx) => appendAudit(trx, actor, { action: 'test.appended', entityType: 'appender', entityId: String(a), after: { i } }));
        }
      }),
    );
    const rows = await db.selectFrom('audit_log').select(['seq', 'prev_hash', 'hash', 'actor_label', 'after']).where('tenant_id', '=', tenantId).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: appenders * perAppender }, (_, i) => i + 1));
    // No fork: every hash is the predecessor of exactly one record.
    expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
    // Each appender's records appear in the order it wrote them.
    for (let a = 0; a < appenders; a++) {
      const mine = rows.filter((r) => r.actor_label === `appender-${a}`).map((r) => (r.after as { i: number }).i);
      expect(mine).toEqual(Array.from({ length: perAppender }, (_, i) => i));
    }
    const head = await db.selectFrom('audit_heads').selectAll().where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    expect(head).toMatchObject({ seq: BigInt(appenders * perAppender), hash: rows.at(-1)!.hash });
    expect(await verifyAuditChain(db, tenantId)).toEqual([]);
  });

  it('a rolled-back change leaves no audit record and no hole', async () => {
    const { tenantId, actor } = await tenantWithTrail(2);
    await expect(
      inTransaction(db, async (trx) => {
        await appendAudit(trx, actor, { action: 'customer.updated', entityType: 'customer', entityId: 'C9' });
        throw new Error('the change failed after its audit record was written');
      }),
    ).rejects.toThrow(/change failed/);
    await inTransaction(db, (trx) => appendAudit(trx, actor, { action: 'customer.updated', entityType: 'customer', entityId: 'C3' }));
    const seqs = await db.selectFrom('audit_log').select('seq').where('tenant_id', '=', tenantId).orderBy('seq').execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(await verifyAuditChain(db, tenantId)).toEqual([]);
  });
});
