import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../src/adapters/notify/http-sender.js';
import { NotifyService } from '../src/adapters/notify/service.js';
import { enqueueNotification } from '../src/app/notify/enqueue.js';
import { isKxError } from '../src/core/errors.js';
import { as, createUser, newTenant, sessionFor, startTestApp, type TestApp, type TestSession } from './helpers/http.js';

/**
 * The per-tenant switch on private webhook targets, under an operator who lets tenants decide
 * (KX_WEBHOOK_ALLOW_PRIVATE=tenant): off, a subscription to a receiver on 127.0.0.1 is refused; an
 * administrator turns it on (audited) and the subscription is made and delivered to; turned off again, the
 * next delivery is refused before connecting. Another tenant's switch stays off. The operator's ceiling wins.
 */
let t: TestApp;
let notify: NotifyService;
let admin: TestSession;
let finance: TestSession;
let otherAdmin: TestSession;
let acme: string;
let receiver: Server;
let receiverUrl: string;
let hits = 0;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      hits++;
      response.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  const secretKey = randomBytes(32);
  const settings = { allowPrivateTargets: 'tenant' as const, worker: false as const };
  t = await startTestApp({ gateways: { secretKey, worker: false }, notify: settings });
  notify = new NotifyService(t.db, secretKey, settings);
  acme = await newTenant(t.db, 'acme-private');
  const other = await newTenant(t.db, 'other-private');
  admin = await sessionFor(t.db, acme, await createUser(t.db, acme, { login: 'admin', role: 'admin' }));
  finance = await sessionFor(t.db, acme, await createUser(t.db, acme, { login: 'fin', role: 'finance' }));
  otherAdmin = await sessionFor(t.db, other, await createUser(t.db, other, { login: 'admin', role: 'admin' }));
}, 60_000);

afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => receiver?.close(resolve));
});

const subscribe = (session: TestSession) => t.app.inject(as(session, { method: 'POST', url: '/api/v1/webhook-subscriptions', payload: { url: receiverUrl, eventTypes: ['receipt.confirmed'] } }));
const setSwitch = (session: TestSession, on: boolean) => t.app.inject(as(session, { method: 'PATCH', url: '/api/v1/settings', payload: { allowPrivateWebhookTargets: on } }));

async function emit(): Promise<void> {
  await t.db.transaction().execute((trx) => enqueueNotification(trx, { tenantId: acme, eventId: randomUUID(), type: 'receipt.confirmed', occurredAt: new Date(), payload: { amount: '1.00' } }));
}

describe('per-tenant private webhook targets (operator: tenant decides)', () => {
  it('off: refused; on (admin, audited): subscribed and delivered; off again: the next delivery is refused', async () => {
    const list = await t.app.inject(as(admin, { method: 'GET', url: '/api/v1/webhook-subscriptions' }));
    expect(list.json()).toMatchObject({ items: [], privateTargets: 'tenant' });
    const refused = await subscribe(admin);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'webhook_target_forbidden' });

    // Finance may not turn it on (settings.manage); the administrator may, and it is audited.
    expect((await setSwitch(finance, true)).statusCode).toBe(403);
    const on = await setSwitch(admin, true);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().allowPrivateWebhookTargets).toBe(true);
    const audit = await t.db.selectFrom('audit_log').select(['action', 'before', 'after']).where('tenant_id', '=', acme).where('action', '=', 'settings.update').execute();
    expect(audit.map((a) => [a.action, (a.before as { allowPrivateWebhookTargets: boolean }).allowPrivateWebhookTargets, (a.after as { allowPrivateWebhookTargets: boolean }).allowPrivateWebhookTargets])).toEqual([['settings.update', false, true]]);

    const made = await subscribe(admin);
    expect(made.statusCode, made.body).toBe(201);
    // Another tenant's switch is its own: still off there.
    expect((await subscribe(otherAdmin)).json()).toMatchObject({ code: 'webhook_target_forbidden' });

    await emit();
    expect(await notify.worker.runOnce()).toMatchObject({ webhooks: 1 });
    expect(hits).toBe(1);
    const delivered = await t.db.selectFrom('webhook_deliveries').select(['status', 'last_error']).where('tenant_id', '=', acme).execute();
    expect(delivered).toEqual([{ status: 'succeeded', last_error: null }]);

    expect((await setSwitch(admin, false)).json().allowPrivateWebhookTargets).toBe(false);
    await emit();
    await notify.worker.runOnce();
    expect(hits).toBe(1);
    const refusedLater = await t.db.selectFrom('webhook_deliveries').select(['status', 'last_error']).where('tenant_id', '=', acme).where('status', '<>', 'succeeded').execute();
    expect(refusedLater).toHaveLength(1);
    expect(refusedLater[0]!.last_error).toContain('webhook_target_forbidden');
  });
});

describe('the operator\'s ceiling (KX_WEBHOOK_ALLOW_PRIVATE) over the tenant\'s switch', () => {
  const url = 'http://10.1.2.3/hook';
  const outcome = (policy: boolean | 'tenant', tenantAllows: boolean) =>
    new HttpWebhookSender({ allowPrivateTargets: policy }).checkTarget(url, tenantAllows).then(() => 'allowed', (e: unknown) => (isKxError(e, 'webhook_target_forbidden') ? 'refused' : String(e)));

  it.each([
    [false, false, 'refused'], [false, true, 'refused'],
    ['tenant', false, 'refused'], ['tenant', true, 'allowed'],
    [true, false, 'allowed'], [true, true, 'allowed'],
  ] as const)('operator %s, tenant switch %s: %s', async (policy, tenantAllows, expected) => {
    expect(await outcome(policy, tenantAllows)).toBe(expected);
  });
});
