import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/database.js';
import { newId } from '../src/app/ids.js';
import { pruneRetained } from '../src/app/retention.js';
import { createTestDatabase } from './helpers/db.js';
import { createUser, newTenant } from './helpers/http.js';

/**
 * The daily prune with a fixed clock (2026-11-20 12:00 Asia/Shanghai): each kind of row goes when its retention
 * (limits.ts, counted from when it was made or finished) has passed and it is final — never an email still
 * pending, a delivery still being retried, or a scheduler run still running — and a run deletes at most its
 * bound, the rest going in the next run.
 */
const now = new Date('2026-11-20T04:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

let database: Database;
let tenantId: string;
let userId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  tenantId = await newTenant(database.db, 'retention');
  userId = await createUser(database.db, tenantId, { login: 'fin', role: 'finance' });
});
afterAll(async () => database?.close());

async function seed() {
  const db = database.db;
  const notification = (label: string, createdDaysAgo: number, readDaysAgo: number | null) => ({
    tenant_id: tenantId, id: newId(), user_id: userId, event_id: newId(), type: 'alert.raised', message_key: label, params: '{}', payload: '{}',
    created_at: daysAgo(createdDaysAgo), read_at: readDaysAgo === null ? null : daysAgo(readDaysAgo),
  });
  await db.insertInto('notifications').values([
    notification('read 100 days ago', 120, 100), notification('read 91 days after creation', 95, 1), notification('read, 30 days old', 30, 29),
    notification('unread, 200 days old', 200, null), notification('unread, 400 days old', 400, null), notification('unread, 366 days old', 366, null),
  ]).execute();
  const email = (label: string, status: 'pending' | 'sent' | 'failed', createdDaysAgo: number, sentDaysAgo: number | null) => ({
    tenant_id: tenantId, id: newId(), user_id: userId, event_id: newId(), to_address: 'fin@example.com', subject: label, body: '', status,
    next_attempt_at: daysAgo(createdDaysAgo), give_up_at: daysAgo(createdDaysAgo - 3), created_at: daysAgo(createdDaysAgo), sent_at: sentDaysAgo === null ? null : daysAgo(sentDaysAgo),
  });
  await db.insertInto('email_deliveries').values([
    email('sent 40 days ago', 'sent', 40, 40), email('sent 10 days ago', 'sent', 10, 10), email('failed, gave up 37 days ago', 'failed', 40, null),
    email('still pending, 40 days old', 'pending', 40, null),
  ]).execute();
  const subscriptionId = newId();
  await db.insertInto('webhook_subscriptions').values({ tenant_id: tenantId, id: subscriptionId, url: 'https://example.com/hook', event_types: ['alert.raised'], secret_ciphertext: 'x' }).execute();
  const delivery = (label: string, status: 'pending' | 'succeeded' | 'failed', createdDaysAgo: number, finishedDaysAgo: number | null) => ({
    tenant_id: tenantId, id: newId(), subscription_id: subscriptionId, event_id: newId(), type: label, body: '{}', status, attempts: 1,
    next_attempt_at: daysAgo(createdDaysAgo), give_up_at: daysAgo(createdDaysAgo - 3), created_at: daysAgo(createdDaysAgo), finished_at: finishedDaysAgo === null ? null : daysAgo(finishedDaysAgo),
  });
  const deliveries = [delivery('succeeded 31 days ago', 'succeeded', 31, 31), delivery('failed 29 days ago', 'failed', 32, 29), delivery('pending, 60 days old', 'pending', 60, null)];
  await db.insertInto('webhook_deliveries').values(deliveries).execute();
  await db.insertInto('webhook_attempts').values(deliveries.map((d) => ({ tenant_id: tenantId, delivery_id: d.id, attempt_no: 1, started_at: d.created_at, duration_ms: 5, status_code: 500 }))).execute();
  await db.insertInto('notification_events').values([31, 29].map((days) => ({ tenant_id: tenantId, event_id: newId(), type: `event ${days} days old`, occurred_at: daysAgo(days), created_at: daysAgo(days) }))).execute();
  await db.insertInto('scheduled_runs').values([
    { job: 'test.job', slot: 'finished 31 days ago', runner: 'r', started_at: daysAgo(31), lease_until: daysAgo(31), finished_at: daysAgo(31), outcome: 'done' },
    { job: 'test.job', slot: 'finished 29 days ago', runner: 'r', started_at: daysAgo(29), lease_until: daysAgo(29), finished_at: daysAgo(29), outcome: 'done' },
    { job: 'test.job', slot: 'never finished, 40 days', runner: 'r', started_at: daysAgo(40), lease_until: daysAgo(40) },
  ]).execute();
}

async function left() {
  const db = database.db;
  return {
    notifications: (await db.selectFrom('notifications').select('message_key').where('tenant_id', '=', tenantId).orderBy('created_at').execute()).map((r) => r.message_key),
    emails: (await db.selectFrom('email_deliveries').select('subject').where('tenant_id', '=', tenantId).orderBy('created_at').execute()).map((r) => r.subject),
    webhooks: (await db.selectFrom('webhook_deliveries').select('type').where('tenant_id', '=', tenantId).orderBy('created_at').execute()).map((r) => r.type),
    attempts: Number((await db.selectFrom('webhook_attempts').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n),
    events: (await db.selectFrom('notification_events').select('type').where('tenant_id', '=', tenantId).execute()).map((r) => r.type),
    runs: (await db.selectFrom('scheduled_runs').select('slot').where('job', '=', 'test.job').orderBy('started_at').execute()).map((r) => r.slot),
  };
}

describe('pruning notifications, deliveries, dedupe rows and scheduler runs', () => {
  it('deletes what is final and past its retention, at most the bound per run, the rest the next run', async () => {
    await seed();
    // Bounds of 2 per statement and 3 per run: four notifications are due (two read and over 90 days old, two
    // unread and over 365), three go now, the fourth next time.
    const first = await pruneRetained(database.db, now, { perStatement: 2, perRun: 3 });
    expect(first).toEqual({ notifications: 3, 'email deliveries': 2, 'webhook deliveries': 1, 'notification events': 1, 'report deliveries': 0, 'scheduled runs': 1 });
    expect((await left()).notifications).toHaveLength(3);
    const second = await pruneRetained(database.db, now, { perStatement: 2, perRun: 3 });
    expect(second).toEqual({ notifications: 1, 'email deliveries': 0, 'webhook deliveries': 0, 'notification events': 0, 'report deliveries': 0, 'scheduled runs': 0 });
    expect(await left()).toEqual({
      notifications: ['unread, 200 days old', 'read, 30 days old'],
      emails: ['still pending, 40 days old', 'sent 10 days ago'],
      webhooks: ['pending, 60 days old', 'failed 29 days ago'],
      attempts: 2,
      events: ['event 29 days old'],
      runs: ['never finished, 40 days', 'finished 29 days ago'],
    });
    // Nothing more is due: a third run deletes nothing.
    expect(Object.values(await pruneRetained(database.db, now))).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
