import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/database.js';
import { postEntry } from '../../src/app/ledger.js';
import { invoice } from '../helpers/ledger.js';
import { newId } from '../../src/app/ids.js';
import { startExpectingFailure, startServer } from './server-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kx-e2e-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// On its own embedded database whatever KX_TEST_DATABASE_URL says: the PostgreSQL pass runs only the part below
// that uses the server (the embedded part would repeat exactly the PGlite pass's run).
describe.skipIf(Boolean(process.env.KX_TEST_DATABASE_URL))('npm start on the embedded database', () => {
  it('first start: migrates, creates the admin, prints the password once, answers health and readiness', async () => {
    const server = await startServer({ KX_DATA_DIR: dataDir });
    try {
      expect(await (await fetch(`${server.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${server.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });
      expect(server.output()).toMatch(/password: [A-Za-z0-9_-]{24}\n/);

      const missing = await fetch(`${server.baseUrl}/api/v1/nothing-here`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(await missing.json()).toMatchObject({ status: 404, code: 'not_found' });

      // A second process on the same data directory is refused before it touches the files.
      const second = await startExpectingFailure({ KX_DATA_DIR: dataDir });
      expect(second.code).toBe(1);
      expect(second.output).toContain('data_dir_locked');
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('data survives a restart, and the password is not printed again', async () => {
    // Between runs, post to the ledger through the same embedded database.
    const database = await openDatabase({ kind: 'pglite', dataDir });
    const tenant = await database.db.selectFrom('tenants').select('id').executeTakeFirstOrThrow();
    const customerId = newId();
    await database.db.insertInto('customers').values({ tenant_id: tenant.id, id: customerId, code: 'C1', name: '上海锦程贸易有限公司', owner_id: null, department_id: null }).execute();
    const { entryId } = await postEntry(database.db, { tenantId: tenant.id }, invoice(customerId, '88.88'));
    await database.close();

    const server = await startServer({ KX_DATA_DIR: dataDir });
    expect(server.output()).not.toContain('password:');
    expect((await fetch(`${server.baseUrl}/readyz`)).status).toBe(200);
    expect(await server.stop('SIGINT')).toBe(0);

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    const entry = await reopened.db.selectFrom('journal_entries').select('id').where('id', '=', entryId).executeTakeFirst();
    const tenants = await reopened.db.selectFrom('tenants').select('id').execute();
    const admins = await reopened.db.selectFrom('users').select('login').where('role', '=', 'admin').execute();
    await reopened.close();
    expect(entry?.id).toBe(entryId);
    expect(tenants).toHaveLength(1);
    expect(admins.map((a) => a.login)).toEqual(['admin']);
  });

  it('refuses a too-short KX_ADMIN_PASSWORD on first start with a clear message', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'kx-e2e-'));
    try {
      const result = await startExpectingFailure({ KX_DATA_DIR: fresh, KX_ADMIN_PASSWORD: 'short' });
      expect(result.code).toBe(1);
      expect(result.output).toContain('weak_password');
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});

const serverUrl = process.env.KX_TEST_DATABASE_URL;
describe.skipIf(!serverUrl)('npm start with DATABASE_URL', () => {
  it('uses the PostgreSQL server instead, with the admin password from KX_ADMIN_PASSWORD', async () => {
    const name = `kx_e2e_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    try {
      const server = await startServer({ DATABASE_URL: url.toString(), KX_ADMIN_PASSWORD: 'correct horse battery' });
      expect(await (await fetch(`${server.baseUrl}/readyz`)).json()).toEqual({ status: 'ready', database: 'postgres' });
      expect(server.output()).toContain('the one in KX_ADMIN_PASSWORD');
      expect(server.output()).not.toContain('correct horse battery');
      expect(await server.stop()).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
