import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderToBuffer } from '../src/adapters/export/buffer.js';
import { deliverDueReports } from '../src/app/reports/delivery.js';
import { settingsFrom } from '../src/config.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * Links in scheduled reports' emails: absolute under KX_PUBLIC_URL; without it the path, with where in the app
 * the file is. The bell keeps the path either way. Fixed clock: due 2026-03-20 08:00 Shanghai (00:00Z).
 */
describe('KX_PUBLIC_URL', () => {
  it.each([
    ['https://kx.example.com', 'https://kx.example.com'],
    ['https://kx.example.com/', 'https://kx.example.com'],
    ['  http://10.0.0.5:3000/kx/  ', 'http://10.0.0.5:3000/kx'],
  ])('%s is used as %s', (value, expected) => {
    expect(settingsFrom({ KX_PUBLIC_URL: value }).publicUrl).toBe(expected);
  });

  it('is optional', () => {
    expect(settingsFrom({}).publicUrl).toBeUndefined();
    expect(settingsFrom({ KX_PUBLIC_URL: '' }).publicUrl).toBeUndefined();
  });

  it.each(['kx.example.com', 'ftp://kx.example.com', 'https://user:pw@kx.example.com', 'https://kx.example.com/?a=1', 'https://kx.example.com/#top', 'https://kx.example.com?'])('refuses %s, naming the setting', (value) => {
    expect(() => settingsFrom({ KX_PUBLIC_URL: value })).toThrow(/KX_PUBLIC_URL must be the http\(s\) address/);
  });
});

describe('delivery emails', () => {
  let t: TestApp;
  let tenantId: string;
  let userId: string;
  let session: TestSession;
  const due = new Date('2026-03-20T00:00:00Z');

  beforeAll(async () => {
    t = await startTestApp({ notify: { worker: false } });
    tenantId = await newTenant(t.db, 'delivery-links');
    userId = await createUser(t.db, tenantId, { login: 'fin', role: 'finance' });
    session = await sessionFor(t.db, tenantId, userId);
    await t.db.updateTable('users').set({ email: 'fin@links.example' }).where('id', '=', userId).execute();
    const call = async (method: 'POST' | 'PUT', url: string, payload: object) => {
      const res = await t.app.inject(as(session, { method, url: `/api/v1${url}`, payload }));
      expect(res.statusCode, res.body).toBeLessThan(300);
      return res.json() as { id: string };
    };
    await call('PUT', '/notification-preferences', { emailEnabled: true, language: 'en' });
    const template = await call('POST', '/report-templates', { name: 'Daily aging', kind: 'aging', definition: { params: { groupBy: 'customer' } }, chart: 'table' });
    await call('PUT', `/report-templates/${template.id}/schedule`, { frequency: 'daily', hour: 8, format: 'csv', recipients: { userIds: [userId], roles: [] }, webhook: false, enabled: true });
    await t.db.updateTable('report_schedules').set({ next_run_at: due }).where('tenant_id', '=', tenantId).execute();
  });
  afterAll(async () => t?.close());

  const lastEmail = async () => t.db.selectFrom('email_deliveries').select(['body', 'attachment_id']).where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('without KX_PUBLIC_URL: the path, and where in the app to find the file', async () => {
    expect(await deliverDueReports(t.db, new Date('2026-03-20T00:01:00Z'), renderToBuffer)).toEqual({ runs: 1, files: 1 });
    const mail = await lastEmail();
    expect(mail.body).toContain(`(path /api/v1/report-deliveries/${mail.attachment_id}/file)`);
    expect(mail.body).toContain('under the bell, top right');
  });

  it('with KX_PUBLIC_URL: an absolute link; the bell still links the path', async () => {
    // The next day's run.
    expect(await deliverDueReports(t.db, new Date('2026-03-21T00:01:00Z'), renderToBuffer, { links: { publicUrl: 'https://kx.example.com' } })).toEqual({ runs: 1, files: 1 });
    const mail = await lastEmail();
    expect(mail.body).toMatch(new RegExp(`Download: https://kx\\.example\\.com/api/v1/report-deliveries/${mail.attachment_id}/file$`));
    const bell = await t.db.selectFrom('notifications').select('payload').where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect((bell.payload as { download: string }).download).toBe(`/api/v1/report-deliveries/${mail.attachment_id}/file`);
  });
});
