import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../src/app/actor.js';
import { userActor } from '../src/app/auth/sessions.js';
import { newId } from '../src/app/ids.js';
import { confirmOrder, createOrder } from '../src/app/receivables/orders.js';
import type { NewReceipt } from '../src/app/receivables/receipts.js';
import type { DB } from '../src/app/schema.js';
import { prepareFixture } from './workload.js';

/**
 * The alerts benchmark's tenant (bench/alerts.ts): customers with a confirmed order each, finance users, and a
 * large-amount threshold low enough that some receipts cross it; and the receipts it sends, mostly ordinary,
 * some made to fire a rule.
 */
export const receivedDate = '2026-11-20';
/** Large amounts fire large_amount above this (the tenant's setting, in CNY). */
export const largeThresholdMajor = 50_000;

export interface Customer {
  id: string;
  name: string;
  orderId: string;
  /** Amounts already sent for this customer (duplicates copy one of them). */
  amounts: string[];
}

export interface World {
  tenantId: string;
  actors: Actor[];
  customers: Customer[];
}

/** Finance users (one group-commit lane each, as separate people at their desks), orders to pay, the large-amount setting. */
export async function prepareWorld(db: Kysely<DB>, customersCount: number, actorsCount: number): Promise<World> {
  const fixture = await prepareFixture(db, customersCount);
  const { tenantId } = fixture;
  await db.updateTable('tenants').set({ allow_self_confirm: true }).where('id', '=', tenantId).execute();
  await db.insertInto('alert_rule_settings').values({ tenant_id: tenantId, rule: 'large_amount', enabled: true, severity: 'warning', params: JSON.stringify({ thresholdMajor: largeThresholdMajor }), recipients: JSON.stringify({ users: [], roles: ['finance'] }), updated_by: null }).execute();
  const actors: Actor[] = [];
  for (let i = 0; i < actorsCount; i++) {
    const userId = newId();
    await db.insertInto('users').values({ tenant_id: tenantId, id: userId, login: `bench-finance-${i + 1}`, display_name: `Bench finance ${i + 1}`, role: 'finance', department_id: null, password_hash: null, disabled_at: null }).execute();
    actors.push(await userActor(db, tenantId, userId, { ip: '127.0.0.1', userAgent: 'bench/alerts' }));
  }
  const rows = await db.selectFrom('customers').select(['id', 'name']).where('tenant_id', '=', tenantId).orderBy('code').execute();
  const customers: Customer[] = [];
  for (const [index, c] of rows.entries()) {
    const order = await createOrder(db, actors[0]!, { customerId: c.id, title: `Bench contract ${index + 1}`, currency: 'CNY', signedDate: '2026-11-01', lines: [{ description: 'Annual licence', quantity: '1', unitPrice: '100000000.00' }] }, randomUUID());
    await confirmOrder(db, actors[0]!, order.body.id, {}, randomUUID());
    customers.push({ id: c.id, name: c.name, orderId: order.body.id, amounts: [] });
  }
  return { tenantId, actors, customers };
}

export type Kind = 'plain' | 'large' | 'duplicate' | 'payer';

function pick<T>(list: readonly T[]): T {
  return list[Math.floor(Math.random() * list.length)]!;
}

/** The i-th receipt: mostly ordinary, some made to fire a rule. */
export function receiptFor(world: World): { kind: Kind; input: NewReceipt } {
  const customer = pick(world.customers);
  const roll = Math.random();
  const kind: Kind = roll < 0.02 ? 'large' : roll < 0.04 && customer.amounts.length > 0 ? 'duplicate' : roll < 0.06 ? 'payer' : 'plain';
  const cents = kind === 'large' ? (largeThresholdMajor + Math.floor(Math.random() * 50_000)) * 100 : 100 + Math.floor(Math.random() * 99_900);
  const amount = kind === 'duplicate' ? pick(customer.amounts) : `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  if (kind !== 'duplicate') customer.amounts.push(amount);
  return {
    kind,
    input: {
      customerId: customer.id, kind: 'order_payment', amount, currency: 'CNY', channel: 'bank_transfer', receivedDate,
      payerName: kind === 'payer' ? '深圳市无关贸易有限公司' : customer.name,
      allocations: [{ orderId: customer.orderId, amount }], confirm: true,
    },
  };
}
