import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/database.js';
import { migrateToLatest } from '../../src/adapters/db/migrate.js';
import { backgroundJobs } from '../../src/app/background.js';
import { ensureFirstTenant } from '../../src/app/bootstrap.js';
import { startServer, type RunningServer } from './server-process.js';

/**
 * Issue 7: two real server processes (`npm start`'s entry point) on one PostgreSQL database, background work on,
 * every job at a 1.5 s period (KX_SCHEDULER_PERIOD_MS) looked for every 200 ms: each (job, slot) runs exactly
 * once — one row, one attempt, finished — no slot between the first and the last is missed, and both processes
 * ran some. PGlite is one process per data directory (the second is refused at start: test/e2e/start.test.ts),
 * so there the test is skipped.
 */
const serverUrl = process.env.KX_TEST_DATABASE_URL;
const periodMs = 1_500;
const slotsWanted = 5;

describe.skipIf(!serverUrl)('two server processes on one PostgreSQL', () => {
  const name = `kx_e2e_${randomUUID().replaceAll('-', '')}`;
  let database: Database;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openDatabase({ kind: 'postgres', url: url.toString() });
    // Migrated and bootstrapped before either starts: the test is about the scheduler, not start-up races.
    await migrateToLatest(database.db);
    await ensureFirstTenant(database.db, { adminPassword: 'correct horse battery staple' });
    const env = {
      DATABASE_URL: url.toString(), KX_SECRET_KEY: randomBytes(32).toString('base64'), KX_SCHEDULER_TICK_MS: '200', KX_SCHEDULER_PERIOD_MS: String(periodMs),
    };
    servers.push(...(await Promise.all([startServer(env), startServer(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  const runs = () => database.db.selectFrom('scheduled_runs').select(['job', 'slot', 'runner', 'attempts', 'outcome', 'finished_at']).orderBy('job').orderBy('slot').execute();

  it('each scheduled job runs exactly once per slot, and both processes run some', async () => {
    // Until every job has had its slots and both processes have won some (which one wins a slot is a race).
    for (let waitedMs = 0; waitedMs < 90_000; waitedMs += 250) {
      const rows = await runs();
      const enough = backgroundJobs.every((job) => rows.filter((r) => r.job === job.name && r.finished_at !== null).length >= slotsWanted);
      if (enough && new Set(rows.map((r) => r.runner)).size >= 2) break;
      await new Promise((done) => setTimeout(done, 250));
    }
    const codes = await Promise.all(servers.splice(0).map((s) => s.stop()));
    expect(codes).toEqual([0, 0]);
    const rows = await runs();

    expect(new Set(rows.map((r) => r.runner)).size).toBe(2);
    for (const job of backgroundJobs) {
      const mine = rows.filter((r) => r.job === job.name);
      expect(mine.length, job.name).toBeGreaterThanOrEqual(slotsWanted);
      // One row per (job, slot) is the primary key; exactly once is also: claimed once, never taken over, finished.
      for (const r of mine) expect({ job: r.job, attempts: r.attempts, outcome: r.outcome }).toEqual({ job: job.name, attempts: 1, outcome: 'done' });
      const slots = mine.map((r) => Date.parse(r.slot));
      for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!, `${job.name}: no slot skipped`).toBe(periodMs);
    }
  }, 150_000);
});

describe.skipIf(serverUrl)('two server processes on the embedded database', () => {
  it.skip('skipped: PGlite is one process per data directory (set KX_TEST_DATABASE_URL to run it on PostgreSQL)', () => undefined);
});
