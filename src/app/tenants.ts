import type { Kysely, Transaction } from 'kysely';
import { KxError } from '../core/errors.js';
import { builtinRoles } from '../core/auth/permissions.js';
import { standardChart } from '../core/ledger/chart.js';
import { startAuditChain } from './audit.js';
import { isCurrency } from '../core/money/index.js';
import { newId } from './ids.js';
import type { DB } from './schema.js';
import { inTransaction } from './transaction.js';

export interface NewTenant {
  slug: string;
  name: string;
  baseCurrency: string;
  timeZone?: string;
}

const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Creates a tenant with the standard chart of accounts, in one transaction. */
export async function createTenant(db: Kysely<DB>, input: NewTenant): Promise<string> {
  return inTransaction(db, (trx) => createTenantIn(trx, input));
}

/** The same, inside a transaction the caller owns. */
export async function createTenantIn(trx: Transaction<DB>, input: NewTenant): Promise<string> {
  if (!slugPattern.test(input.slug)) throw new KxError('validation_failed', 'slug must be 2–63 lower-case letters, digits or hyphens');
  if (!isCurrency(input.baseCurrency)) throw new KxError('unknown_currency', `unknown currency ${input.baseCurrency}`);
  const timeZone = input.timeZone ?? 'Asia/Shanghai';
  if (!isTimeZone(timeZone)) throw new KxError('validation_failed', `unknown time zone ${timeZone}`);
  const tenantId = newId();
  await trx
    .insertInto('tenants')
    .values({ id: tenantId, slug: input.slug, name: input.name, base_currency: input.baseCurrency, time_zone: timeZone })
    .execute();
  await trx
    .insertInto('accounts')
    .values(standardChart.map((a) => ({ tenant_id: tenantId, id: newId(), code: a.code, kind: a.kind, name_zh: a.nameZh, name_en: a.nameEn })))
    .execute();
  await trx
    .insertInto('roles')
    .values(builtinRoles.map((r) => ({ tenant_id: tenantId, code: r.code, name: `${r.nameZh} / ${r.nameEn}`, permissions: [...r.permissions], data_scope: r.dataScope, builtin: true })))
    .execute();
  await startAuditChain(trx, tenantId);
  return tenantId;
}

export async function findTenantBySlug(db: Kysely<DB>, slug: string) {
  return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
}
