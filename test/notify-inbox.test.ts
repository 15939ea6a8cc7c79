import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifyService } from '../src/adapters/notify/service.js';
import { enqueueNotification, type NotificationInput } from '../src/app/notify/enqueue.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * The bell (each person's own notifications: list, unread count, mark read) and email through a real SMTP
 * server started here (npm smtp-server): the opted-in user gets the message in their language, the others none.
 */
let t: TestApp;
let acme: string;
let financeId: string;
let finance: TestSession;
let finance2: TestSession;
let rep: TestSession;
let globexUser: TestSession;
let smtp: SMTPServer;
let smtpPort: number;
let clockMs = Date.UTC(2026, 10, 28, 3, 0, 0);
const mails: { from: string; to: string[]; data: string }[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  t = await startTestApp({ gateways: { secretKey: randomBytes(32), worker: false }, notify: { worker: false } });
  acme = await newTenant(t.db, 'acme');
  const globex = await newTenant(t.db, 'globex');
  financeId = await createUser(t.db, acme, { login: 'fin', role: 'finance' });
  const finance2Id = await createUser(t.db, acme, { login: 'fin2', role: 'finance' });
  await t.db.updateTable('users').set({ email: 'fin@acme.example' }).where('id', '=', financeId).execute();
  await t.db.updateTable('users').set({ email: 'fin2@acme.example' }).where('id', '=', finance2Id).execute();
  finance = await sessionFor(t.db, acme, financeId);
  finance2 = await sessionFor(t.db, acme, finance2Id);
  rep = await sessionFor(t.db, acme, await createUser(t.db, acme, { login: 'rep', role: 'sales' }));
  globexUser = await sessionFor(t.db, globex, await createUser(t.db, globex, { login: 'fin', role: 'finance' }));
}, 60_000);

afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

async function emit(input: Partial<NotificationInput> & Pick<NotificationInput, 'type'>): Promise<string> {
  const eventId = randomUUID();
  await t.db.transaction().execute((trx) => enqueueNotification(trx, { tenantId: acme, eventId, occurredAt: new Date(clockMs), payload: {}, ...input }, new Date(clockMs)));
  clockMs += 1_000;
  return eventId;
}

const get = async (session: TestSession, url: string) => (await t.app.inject(as(session, { method: 'GET', url }))).json();

describe('in-app notifications', () => {
  it('reach the users named and the users of the roles named, each once; others see nothing', async () => {
    await emit({ type: 'receipt.confirmed', recipients: { userIds: [financeId], roleIds: ['finance'] }, message: { key: 'receipt.confirmed', params: { number: 'RC-2026-000001', customer: '上海某某', amount: 'CNY 1,234.56' } } });
    expect(await get(finance, '/api/v1/notifications/unread-count')).toEqual({ unread: 1 });
    expect(await get(finance2, '/api/v1/notifications/unread-count')).toEqual({ unread: 1 });
    expect(await get(rep, '/api/v1/notifications/unread-count')).toEqual({ unread: 0 });
    expect(await get(globexUser, '/api/v1/notifications/unread-count')).toEqual({ unread: 0 });
    const page = await get(finance, '/api/v1/notifications');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      type: 'receipt.confirmed', readAt: null,
      title: { zh: '回款 RC-2026-000001 已确认', en: 'Receipt RC-2026-000001 confirmed' },
      body: { en: 'Receipt RC-2026-000001 from 上海某某 (CNY 1,234.56) was confirmed.' },
    });
  });

  it('list pages with a cursor, filters unread; mark read and mark all read touch only one\'s own', async () => {
    for (let i = 0; i < 3; i++) await emit({ type: 'refund.requested', recipients: { userIds: [financeId] }, message: { key: 'refund.requested', params: { number: `RF-${i}` } } });
    const first = await get(finance, '/api/v1/notifications?limit=2');
    expect(first.items.map((n: { title: { en: string } }) => n.title.en)).toEqual(['Refund RF-2 awaits approval', 'Refund RF-1 awaits approval']);
    const second = await get(finance, `/api/v1/notifications?limit=2&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const newest = first.items[0].id;
    // Another person's notification id is not found, and nothing is marked.
    const foreign = await t.app.inject(as(finance2, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: [newest] } }));
    expect(foreign.statusCode).toBe(404);
    const marked = await t.app.inject(as(finance, { method: 'POST', url: '/api/v1/notifications/read', payload: { ids: [newest] } }));
    expect(marked.json()).toEqual({ marked: 1 });
    expect(await get(finance, '/api/v1/notifications/unread-count')).toEqual({ unread: 3 });
    expect((await get(finance, '/api/v1/notifications?unread=true')).items.map((n: { id: string }) => n.id)).not.toContain(newest);
    expect((await t.app.inject(as(finance, { method: 'POST', url: '/api/v1/notifications/read-all' }))).json()).toEqual({ marked: 3 });
    expect(await get(finance, '/api/v1/notifications/unread-count')).toEqual({ unread: 0 });
    expect(await get(finance2, '/api/v1/notifications/unread-count')).toEqual({ unread: 1 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });
});

describe('API description', () => {
  it('the OpenAPI document lists the notification and webhook routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    for (const path of ['/api/v1/notifications', '/api/v1/notifications/unread-count', '/api/v1/notification-preferences', '/api/v1/webhook-subscriptions', '/api/v1/webhook-subscriptions/{id}/deliveries/{deliveryId}/resend']) {
      expect(paths, path).toContain(path);
    }
  });
});

describe('email over SMTP', () => {
  it('goes to the users who opted in, in their language, through the configured SMTP server', async () => {
    const put = await t.app.inject(as(finance, { method: 'PUT', url: '/api/v1/notification-preferences', payload: { emailEnabled: true, language: 'en' } }));
    expect(put.json()).toEqual({ emailEnabled: true, language: 'en', email: 'fin@acme.example' });
    await t.app.inject(as(finance2, { method: 'PUT', url: '/api/v1/notification-preferences', payload: { language: 'zh' } }));
    expect((await t.app.inject(as(finance, { method: 'PUT', url: '/api/v1/notification-preferences', payload: { language: 'fr' } }))).statusCode).toBe(422);
    await emit({ type: 'instalment.overdue', recipients: { roleIds: ['finance'] }, message: { key: 'instalment.overdue', params: { order: 'SO-2026-000042', instalment: 2, amount: 'CNY 500.00', dueDate: '2026-11-20' } } });

    const worker = new NotifyService(t.db, randomBytes(32), { smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: 'Kuanxiang <kx@acme.example>' }, worker: false, nowMs: () => clockMs });
    try {
      expect(await worker.worker.runOnce()).toMatchObject({ emails: 1 });
    } finally {
      await worker.stop();
    }
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(['fin@acme.example']);
    expect(mails[0]!.from).toBe('kx@acme.example');
    expect(mails[0]!.data).toContain('Subject: Instalment overdue: order SO-2026-000042');
    // Quoted-printable: soft line breaks are `=` at the end of a line.
    expect(mails[0]!.data.replace(/=\r\n/g, '')).toContain('Instalment 2 of order SO-2026-000042 (CNY 500.00) was due on 2026-11-20 and is unpaid.');
    const row = await t.db.selectFrom('email_deliveries').select(['status', 'attempts']).where('to_address', '=', 'fin@acme.example').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'sent', attempts: 1 });
  });

  it('an SMTP failure is retried later, not lost', async () => {
    let fail = true;
    const sent: string[] = [];
    const mailer = { send: async (m: { to: string }) => { if (fail) throw new Error('421 try again later'); sent.push(m.to); } };
    const service = new NotifyService(t.db, randomBytes(32), { mailer, worker: false, nowMs: () => clockMs, random: () => 0.5 });
    const eventId = await emit({ type: 'refund.paid', recipients: { userIds: [financeId] } });
    await service.worker.runOnce();
    const pending = await t.db.selectFrom('email_deliveries').select(['status', 'last_error', 'next_attempt_at']).where('event_id', '=', eventId).executeTakeFirstOrThrow();
    expect(pending).toMatchObject({ status: 'pending', last_error: '421 try again later' });
    fail = false;
    clockMs = pending.next_attempt_at.getTime();
    await service.worker.runOnce();
    expect(sent).toEqual(['fin@acme.example']);
    expect((await t.db.selectFrom('email_deliveries').select('status').where('event_id', '=', eventId).executeTakeFirstOrThrow()).status).toBe('sent');
  });
});
