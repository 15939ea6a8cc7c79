import type { Kysely, Selectable } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import { pageSize, toPage, type Page } from '../pagination.js';
import type { DB, ProductsTable } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { fail } from './common.js';
import { positionOf } from './cursors.js';

/** Products (产品): a dimension of order lines and of the sales postings. */
export interface ProductView {
  id: string;
  code: string;
  name: string;
  unit: string;
  active: boolean;
  createdAt: string;
}

export interface NewProduct {
  code: string;
  name: string;
  unit?: string;
  active?: boolean;
}

export interface ProductFilter {
  q?: string;
  active?: boolean;
  cursor?: string;
  limit?: number;
}

const columns = ['id', 'code', 'name', 'unit', 'active', 'created_at'] as const;
type ProductRow = Pick<Selectable<ProductsTable>, (typeof columns)[number]>;
const codeShape = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export async function listProducts(db: Kysely<DB>, actor: Actor, filter: ProductFilter): Promise<Page<ProductView>> {
  requirePermission(actor, 'orders.view');
  const size = pageSize(filter.limit);
  // Codes stored before this shape was enforced (imports, the demo) still page: any stored code will do.
  const after = positionOf(filter.cursor, () => true);
  let query = db.selectFrom('products').select(columns).where('tenant_id', '=', actor.tenantId);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    query = query.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('code', 'ilike', pattern)]));
  }
  if (after !== undefined) query = query.where('code', '>', after);
  const rows = await query.orderBy('code').limit(size + 1).execute();
  return toPage(rows, size, view, (r) => r.code);
}

export async function getProduct(db: Kysely<DB>, actor: Actor, productId: string): Promise<ProductView> {
  requirePermission(actor, 'orders.view');
  return view(await findProduct(db, actor.tenantId, productId));
}

export async function createProduct(db: Kysely<DB>, actor: Actor, input: NewProduct): Promise<ProductView> {
  requirePermission(actor, 'settings.manage');
  const values = normalize(input);
  return inTransaction(db, async (trx) => {
    await requireFreeCode(trx, actor.tenantId, values.code!);
    const row = await trx
      .insertInto('products')
      .values({ tenant_id: actor.tenantId, id: newId(), code: values.code!, name: values.name!, unit: values.unit ?? '', active: values.active ?? true })
      .returning(columns)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, { action: 'product.created', entityType: 'product', entityId: row.id, after: auditOf(row) });
    return view(row);
  }).catch(codeRace(values.code!));
}

export async function updateProduct(db: Kysely<DB>, actor: Actor, productId: string, changes: Partial<NewProduct>): Promise<ProductView> {
  requirePermission(actor, 'settings.manage');
  const values = normalize(changes);
  return inTransaction(db, async (trx) => {
    const before = await findProduct(trx, actor.tenantId, productId, true);
    if (values.code !== undefined && values.code !== before.code) await requireFreeCode(trx, actor.tenantId, values.code);
    const after = { ...before, ...values };
    if (JSON.stringify(auditOf(after)) === JSON.stringify(auditOf(before))) return view(before);
    await trx.updateTable('products').set(values).where('tenant_id', '=', actor.tenantId).where('id', '=', productId).execute();
    await appendAudit(trx, actor, { action: 'product.updated', entityType: 'product', entityId: productId, before: auditOf(before), after: auditOf(after) });
    return view(after);
  }).catch(codeRace(values.code ?? ''));
}

async function findProduct(db: Kysely<DB>, tenantId: string, productId: string, lock = false): Promise<ProductRow> {
  let query = db.selectFrom('products').select(columns).where('tenant_id', '=', tenantId).where('id', '=', productId);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw fail('not_found', 'id', 'no such product', { productId });
  return row;
}

async function requireFreeCode(db: Kysely<DB>, tenantId: string, code: string): Promise<void> {
  const clash = await db.selectFrom('products').select('id').where('tenant_id', '=', tenantId).where('code', '=', code).executeTakeFirst();
  if (clash) throw codeTaken(code);
}

function codeTaken(code: string): KxError {
  return fail('already_exists', 'code', `a product with the code ${code} exists`);
}

/** Two writers racing for one code: the loser gets the answer it would have got coming second. */
function codeRace(code: string) {
  return (error: unknown): never => {
    throw (error as { code?: string }).code === '23505' ? codeTaken(code) : error;
  };
}

function normalize(input: Partial<NewProduct>): Partial<NewProduct> {
  const out: Partial<NewProduct> = {};
  if (input.code !== undefined) {
    out.code = input.code.trim();
    if (!codeShape.test(out.code)) throw fail('validation_failed', 'code', 'a product code is 1–40 letters, digits, dots, dashes or underscores, starting with a letter or digit');
  }
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (out.name === '' || out.name.length > limits.nameCharsMax) throw fail('validation_failed', 'name', `a name is 1–${limits.nameCharsMax} characters`);
  }
  if (input.unit !== undefined) out.unit = input.unit.trim();
  if (input.active !== undefined) out.active = input.active;
  return out;
}

function auditOf(row: Pick<ProductRow, 'code' | 'name' | 'unit' | 'active'>) {
  return { code: row.code, name: row.name, unit: row.unit, active: row.active };
}

function view(row: ProductRow): ProductView {
  return { id: row.id, code: row.code, name: row.name, unit: row.unit, active: row.active, createdAt: row.created_at.toISOString() };
}
