import type { Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import { fail, pgConstraintOf } from '../receivables/common.js';

/**
 * Saved CSV/XLSX column mappings, one per bank export layout. The definition is checked by the statement
 * adapter that will read files with it (validateMapping) before it reaches here; this module stores it.
 */
export interface MappingView {
  id: string;
  name: string;
  definition: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

const columns = ['id', 'name', 'definition', 'created_at', 'updated_at'] as const;

function viewOf(r: { id: string; name: string; definition: Record<string, unknown>; created_at: Date; updated_at: Date }): MappingView {
  return { id: r.id, name: r.name, definition: r.definition, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString() };
}

export async function listMappings(db: Kysely<DB>, actor: Actor): Promise<{ items: MappingView[] }> {
  requirePermission(actor, 'reconciliation.manage');
  const rows = await db.selectFrom('statement_mappings').select(columns).where('tenant_id', '=', actor.tenantId).orderBy('name').limit(limits.statementMappingsMax).execute();
  return { items: rows.map(viewOf) };
}

export async function getMapping(db: Kysely<DB>, actor: Actor, id: string, field = 'id'): Promise<MappingView> {
  requirePermission(actor, 'reconciliation.manage');
  const row = await db.selectFrom('statement_mappings').select(columns).where('tenant_id', '=', actor.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw fail('not_found', field, 'no such column mapping');
  return viewOf(row);
}

export async function createMapping(db: Kysely<DB>, actor: Actor, input: { name: string; definition: Record<string, unknown> }): Promise<MappingView> {
  requirePermission(actor, 'reconciliation.manage');
  const name = requireName(input.name);
  return db.transaction().execute(async (trx) => {
    const { count } = await trx.selectFrom('statement_mappings').select((eb) => eb.fn.countAll<string>().as('count')).where('tenant_id', '=', actor.tenantId).executeTakeFirstOrThrow();
    if (Number(count) >= limits.statementMappingsMax) throw fail('validation_failed', 'name', `at most ${limits.statementMappingsMax} column mappings`);
    const id = newId();
    const row = await trx.insertInto('statement_mappings')
      .values({ tenant_id: actor.tenantId, id, name, definition: JSON.stringify(input.definition), created_by: actor.userId })
      .returning(columns).executeTakeFirstOrThrow()
      .catch((error: unknown) => { throw duplicateName(error, name); });
    await appendAudit(trx, actor, { action: 'statement_mapping.created', entityType: 'statement_mapping', entityId: id, after: { name, definition: input.definition as never } });
    return viewOf(row);
  });
}

export async function updateMapping(db: Kysely<DB>, actor: Actor, id: string, input: { name?: string; definition?: Record<string, unknown> }): Promise<MappingView> {
  requirePermission(actor, 'reconciliation.manage');
  const name = input.name === undefined ? undefined : requireName(input.name);
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('statement_mappings').select(columns).where('tenant_id', '=', actor.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw fail('not_found', 'id', 'no such column mapping');
    const row = await trx.updateTable('statement_mappings')
      .set({ ...(name !== undefined ? { name } : {}), ...(input.definition !== undefined ? { definition: JSON.stringify(input.definition) } : {}), updated_at: new Date() })
      .where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning(columns).executeTakeFirstOrThrow()
      .catch((error: unknown) => { throw duplicateName(error, name ?? before.name); });
    await appendAudit(trx, actor, { action: 'statement_mapping.updated', entityType: 'statement_mapping', entityId: id, before: { name: before.name, definition: before.definition as never }, after: { name: row.name, definition: row.definition as never } });
    return viewOf(row);
  });
}

export async function deleteMapping(db: Kysely<DB>, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reconciliation.manage');
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('statement_mappings').where('tenant_id', '=', actor.tenantId).where('id', '=', id).returning(['name', 'definition']).executeTakeFirst();
    if (!row) throw fail('not_found', 'id', 'no such column mapping');
    await appendAudit(trx, actor, { action: 'statement_mapping.deleted', entityType: 'statement_mapping', entityId: id, before: { name: row.name, definition: row.definition as never } });
  });
}

function requireName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > limits.nameCharsMax) throw fail('validation_failed', 'name', `a name of 1–${limits.nameCharsMax} characters`);
  return name;
}

function duplicateName(error: unknown, name: string): unknown {
  if (pgConstraintOf(error) === 'statement_mappings_tenant_id_name_key') return new KxError('already_exists', `a column mapping named “${name}” exists`, { fields: [{ field: 'name', code: 'already_exists', message: 'taken' }] });
  return error;
}
