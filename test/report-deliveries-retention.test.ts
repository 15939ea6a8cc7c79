import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../src/app/actor.js';
import { newId } from '../src/app/ids.js';
import { deliveryFile } from '../src/app/reports/templates.js';
import { pruneRetained } from '../src/app/retention.js';
import { isKxError } from '../src/core/errors.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * Delivered report files are kept limits.reportDeliveriesRetentionMs (90 days) from when they were made, then the
 * daily prune (notify.prune) deletes them with their row, a bounded number per statement and per run. An old link
 * then answers 410 report_file_expired (the id, a UUIDv7, says when it was made); an id never made answers 404.
 *
 * Fixed clock 2026-11-20 04:00 UTC. Rows (made, status):
 *   91 days ago delivered · 120 days ago failed (no file) · 200 days ago delivered → pruned (3)
 *   89 days ago delivered                                                         → kept
 */
const now = new Date('2026-11-20T04:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

let t: TestApp;
let tenantId: string;
let userId: string;
let session: TestSession;
let me: Actor;
const made: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  tenantId = await newTenant(t.db, 'delivery-retention');
  userId = await createUser(t.db, tenantId, { login: 'fin', role: 'finance' });
  session = await sessionFor(t.db, tenantId, userId);
  me = { ...systemActor(tenantId), kind: 'user', id: userId, userId, label: 'fin', asOf: now };
  const templateId = newId();
  const row = (label: string, days: number, status: 'delivered' | 'failed') => {
    const at = daysAgo(days);
    made[label] = v7({ msecs: at.getTime() });
    return {
      tenant_id: tenantId, id: made[label], template_id: templateId, template_name: label, run_at: at, recipient_id: userId, status,
      detail: status === 'failed' ? 'report_too_large: …' : null, format: 'csv' as const, file_name: status === 'delivered' ? `${label}.csv` : '',
      content_type: status === 'delivered' ? 'text/csv; charset=utf-8' : '', content: status === 'delivered' ? Buffer.from(`\uFEFF${label}\r\n`) : null,
      row_count: status === 'delivered' ? 1 : null, created_at: at,
    };
  };
  await t.db.insertInto('report_deliveries').values([row('91 days', 91, 'delivered'), row('120 days, failed', 120, 'failed'), row('200 days', 200, 'delivered'), row('89 days', 89, 'delivered')]).execute();
});
afterAll(async () => t?.close());

const left = async () => (await t.db.selectFrom('report_deliveries').select('template_name').where('tenant_id', '=', tenantId).orderBy('created_at').execute()).map((r) => r.template_name);

describe('retention of delivered report files', () => {
  it('the daily prune deletes files over 90 days old with their rows, within its bounds; an old link then answers report_file_expired', async () => {
    // Bounds 2 per statement and 2 per run: three are due, two go now, the third the next run.
    expect((await pruneRetained(t.db, now, { perStatement: 2, perRun: 2 }))['report deliveries']).toBe(2);
    expect(await left()).toHaveLength(2);
    expect((await pruneRetained(t.db, now, { perStatement: 2, perRun: 2 }))['report deliveries']).toBe(1);
    expect(await left()).toEqual(['89 days']);
    expect((await pruneRetained(t.db, now))['report deliveries']).toBe(0);

    expect((await deliveryFile(t.db, me, made['89 days']!)).content.toString()).toContain('89 days');
    const expired = await deliveryFile(t.db, me, made['91 days']!).catch((e: unknown) => e);
    expect(isKxError(expired, 'report_file_expired'), String(expired)).toBe(true);
    expect((expired as Error).message).toMatch(/kept 90 days; this one was made on 2026-08-21/);
    // An id that was never a delivery (made now) is simply not found; so is a non-UUIDv7 id however old.
    expect(isKxError(await deliveryFile(t.db, me, v7({ msecs: now.getTime() })).catch((e: unknown) => e), 'not_found')).toBe(true);
    expect(isKxError(await deliveryFile(t.db, me, '00000000-0000-4000-8000-000000000000').catch((e: unknown) => e), 'not_found')).toBe(true);
  });

  it('over HTTP an expired link is a 410 problem with its code, not a crash', async () => {
    const res = await t.app.inject(as(session, { method: 'GET', url: `/api/v1/report-deliveries/${made['200 days']}/file` }));
    expect([res.statusCode, res.json().code]).toEqual([410, 'report_file_expired']);
    const unknown = await t.app.inject(as(session, { method: 'GET', url: `/api/v1/report-deliveries/${newId()}/file` }));
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'not_found']);
  });
});
