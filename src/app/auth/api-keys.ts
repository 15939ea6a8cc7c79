import type { Kysely } from 'kysely';
import { KxError, type FieldIssue } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { isPermission, type DataScope, type Permission } from '../../core/auth/permissions.js';
import { can, requirePermission, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';
import { createApiKeyRow } from './sessions.js';

export interface ApiKeyView {
  id: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
  createdBy: string;
  createdByLogin: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface NewApiKeyInput {
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

export const apiKeyNameCharsMax = 100;
const scopeRank: Record<DataScope, number> = { own: 0, department: 1, all: 2 };

/**
 * Creates an API key for an integration. The key is returned once and only its hash is kept. A key gets no
 * permission and no data scope wider than its creator's (it acts for them, and is cut down further at use
 * if the creator later loses a permission). Only a signed-in person creates keys: a key that could mint keys
 * would outlive its own revocation through its offspring.
 */
export async function createApiKey(db: Kysely<DB>, actor: Actor, input: NewApiKeyInput): Promise<{ id: string; key: string; apiKey: ApiKeyView }> {
  if (actor.kind === 'api_key') throw new KxError('forbidden', 'an API key cannot create API keys; sign in to create one');
  requirePermission(actor, 'api_keys.manage');
  const creatorId = actor.userId;
  if (!creatorId) throw new KxError('forbidden', 'an API key belongs to a person; the system cannot create one');
  const name = input.name.trim();
  const wanted = checkedPermissions(input.permissions);
  if (name.length === 0 || name.length > apiKeyNameCharsMax) {
    throw new KxError('validation_failed', 'the key needs a name', { fields: [{ field: 'name', code: 'validation_failed', message: `1–${apiKeyNameCharsMax} characters` }] });
  }
  const lacking = wanted.filter((p) => !can(actor, p));
  if (lacking.length > 0) throw new KxError('forbidden', `a key cannot get permissions its creator lacks: ${lacking.join(', ')}`, { details: { permissions: lacking } });
  if (scopeRank[input.dataScope] > scopeRank[actor.dataScope]) {
    throw new KxError('forbidden', `a key cannot see more than its creator: data scope ${actor.dataScope} at most`, { details: { dataScope: actor.dataScope } });
  }
  const created = await inTransaction(db, async (trx) => {
    const row = await createApiKeyRow(trx, actor.tenantId, { name, permissions: wanted, dataScope: input.dataScope, createdBy: creatorId });
    await appendAudit(trx, actor, { action: 'api_key.created', entityType: 'api_key', entityId: row.id, after: { name, permissions: wanted, dataScope: input.dataScope, createdBy: creatorId } });
    return row;
  });
  return { ...created, apiKey: await loadApiKey(db, actor.tenantId, created.id) };
}

/** Known permission names, deduplicated and sorted; unknown ones are a validation error naming each. */
function checkedPermissions(names: readonly string[]): Permission[] {
  const issues: FieldIssue[] = names.flatMap((p, i) => (isPermission(p) ? [] : [{ field: `permissions[${i}]`, code: 'validation_failed' as const, message: `unknown permission ${p.slice(0, 100)}` }]));
  if (issues.length > 0) throw new KxError('validation_failed', 'unknown permissions', { fields: issues });
  if (names.length === 0) throw new KxError('validation_failed', 'a key needs at least one permission', { fields: [{ field: 'permissions', code: 'validation_failed', message: 'at least one' }] });
  return [...new Set(names as Permission[])].sort();
}

export interface ApiKeyListQuery {
  limit?: number;
  cursor?: string;
  status?: 'active' | 'revoked';
}

/** The tenant's keys, newest first, a page at a time. Never the secret or its hash. */
export async function listApiKeys(db: Kysely<DB>, actor: Actor, query: ApiKeyListQuery): Promise<{ items: ApiKeyView[]; nextCursor: string | null }> {
  requirePermission(actor, 'api_keys.manage');
  const limit = Math.min(Math.max(query.limit ?? 50, 1), limits.pageSizeMax);
  let select = keysQuery(db, actor.tenantId).orderBy('k.id', 'desc').limit(limit + 1);
  if (query.cursor !== undefined) select = select.where('k.id', '<', decodeCursor(query.cursor));
  if (query.status === 'active') select = select.where('k.revoked_at', 'is', null);
  if (query.status === 'revoked') select = select.where('k.revoked_at', 'is not', null);
  const rows = await select.execute();
  const page = rows.slice(0, limit).map(toView);
  return { items: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
}

/** Revokes a key at once: the next request with it is refused. A key of another tenant is not_found. */
export async function revokeApiKey(db: Kysely<DB>, actor: Actor, keyId: string, now = new Date()): Promise<ApiKeyView> {
  requirePermission(actor, 'api_keys.manage');
  if (!uuid.test(keyId)) throw new KxError('not_found', 'no such API key', { details: { id: keyId } });
  await inTransaction(db, async (trx) => {
    const key = await trx.selectFrom('api_keys').select(['revoked_at']).where('tenant_id', '=', actor.tenantId).where('id', '=', keyId).forUpdate().executeTakeFirst();
    if (!key) throw new KxError('not_found', 'no such API key', { details: { id: keyId } });
    if (key.revoked_at) throw new KxError('invalid_state', 'the key is already revoked', { details: { revokedAt: key.revoked_at.toISOString() } });
    await trx.updateTable('api_keys').set({ revoked_at: now }).where('tenant_id', '=', actor.tenantId).where('id', '=', keyId).execute();
    await appendAudit(trx, actor, { action: 'api_key.revoked', entityType: 'api_key', entityId: keyId, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } });
  });
  return loadApiKey(db, actor.tenantId, keyId);
}

function keysQuery(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.created_by'))
    .select(['k.id', 'k.name', 'k.permissions', 'k.data_scope', 'k.created_by', 'u.login', 'k.created_at', 'k.last_used_at', 'k.revoked_at'])
    .where('k.tenant_id', '=', tenantId);
}

async function loadApiKey(db: Kysely<DB>, tenantId: string, keyId: string): Promise<ApiKeyView> {
  return toView(await keysQuery(db, tenantId).where('k.id', '=', keyId).executeTakeFirstOrThrow());
}

type KeyRow = Awaited<ReturnType<ReturnType<typeof keysQuery>['executeTakeFirstOrThrow']>>;

function toView(r: KeyRow): ApiKeyView {
  return { id: r.id, name: r.name, permissions: r.permissions, dataScope: r.data_scope, createdBy: r.created_by, createdByLogin: r.login, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cursor is opaque to clients (base64url of the last id seen), so its form may change later. */
function encodeCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!uuid.test(id)) throw new KxError('validation_failed', 'not a cursor this list gave out', { fields: [{ field: 'query.cursor', code: 'validation_failed', message: 'unknown cursor' }] });
  return id;
}
