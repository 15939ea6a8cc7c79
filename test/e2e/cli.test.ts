import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'kx-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs `npx kuanxiang …` as a user would, on its own embedded database. */
function kuanxiang(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/kuanxiang.mjs', ...args], { cwd: root, env: { ...process.env, KX_DATA_DIR: dataDir, DATABASE_URL: '', KX_ADMIN_PASSWORD: '' }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

// The command runs on its own embedded database whatever KX_TEST_DATABASE_URL says: the PostgreSQL pass would
// repeat exactly the PGlite pass's run, so it runs there only.
const onServerPass = Boolean(process.env.KX_TEST_DATABASE_URL);

describe.skipIf(onServerPass)('the kuanxiang command', () => {
  it('creates a tenant, seeds demo data, and verify, trial-balance and audit verify agree it is sound', async () => {
    const created = await kuanxiang('tenant-create', '--slug', 'jincheng', '--name', '上海锦程贸易有限公司');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/password: [A-Za-z0-9_-]{24}/);
    expect((await kuanxiang('tenant-create', '--slug', 'jincheng', '--name', 'again')).code).not.toBe(0);

    const seeded = await kuanxiang('seed-demo', '--seed', '3', '--receipts', '150', '--tenant', 'demo', '--as-of', '2026-11-20');
    expect(seeded.code, seeded.stderr).toBe(0);
    const verified = await kuanxiang('verify');
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    const tb = await kuanxiang('trial-balance', '--tenant', 'demo', '--json');
    expect(tb.code).toBe(0);
    expect(Object.values(JSON.parse(tb.stdout).totals as Record<string, string>).every((t) => /^0(\.0+)?$/.test(t))).toBe(true);
    const audit = await kuanxiang('audit', 'verify');
    expect(audit.code, audit.stdout).toBe(0);
  }, 240_000); // seed-demo runs every order's story through the use cases

  it('verify exits 1 and names the balance row someone altered in the database', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const target = await sql<{ account_id: string; customer_key: string; code: string }>`
      select b.account_id, b.customer_key, a.code from account_balances b join accounts a on a.tenant_id = b.tenant_id and a.id = b.account_id
       where a.code = 'accounts_receivable' order by b.customer_key limit 1`.execute(database.db);
    const row = target.rows[0]!;
    await sql`update account_balances set balance_minor = balance_minor + 100, debit_minor = debit_minor + 100
              where account_id = ${row.account_id} and customer_key = ${row.customer_key} and currency = 'CNY'`.execute(database.db);
    await database.close();

    const verified = await kuanxiang('verify');
    expect(verified.code).toBe(1);
    expect(verified.stderr).toContain('verify failed');
    expect(verified.stderr).toContain(`account accounts_receivable, customer ${row.customer_key}, CNY`);
  });

  it('explains a bad argument and a locked data directory instead of crashing', async () => {
    const unknown = await kuanxiang('trial-balance', '--tenant', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no tenant with slug "nope"');
    const held = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const locked = await kuanxiang('verify');
      expect(locked.code).toBe(2);
      expect(locked.stderr).toContain('data_dir_locked');
    } finally {
      await held.close();
    }
  });
});
