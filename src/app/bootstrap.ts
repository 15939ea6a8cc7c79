import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isKxError, KxError } from '../core/errors.js';
import { systemActor } from './actor.js';
import { appendAudit } from './audit.js';
import { hashPassword, requireAcceptablePassword } from './auth/passwords.js';
import { newId } from './ids.js';
import type { DB } from './schema.js';
import { createTenantIn, type NewTenant } from './tenants.js';
import { inTransaction } from './transaction.js';

export { passwordCharsMax, passwordCharsMin } from './auth/passwords.js';

export interface BootstrapResult {
  created: boolean;
  tenantId: string;
  adminLogin: string;
  /** Set only when this call generated the password: the caller shows it once and forgets it. */
  generatedPassword?: string;
}

/**
 * First start: a tenant and an administrator. Runs on every start and does nothing once a tenant exists,
 * so a restart never creates a second admin or prints a password again.
 */
export async function ensureFirstTenant(
  db: Kysely<DB>,
  options: { adminPassword?: string; adminLogin?: string } = {},
): Promise<BootstrapResult> {
  const adminLogin = options.adminLogin ?? 'admin';
  const existing = await db.selectFrom('tenants').select(['id']).orderBy('created_at').executeTakeFirst();
  if (existing) return { created: false, tenantId: existing.id, adminLogin };

  try {
    const made = await createTenantWithAdmin(db, { slug: 'default', name: 'Default', baseCurrency: 'CNY', adminLogin, adminPassword: options.adminPassword });
    return { created: true, ...made };
  } catch (error) {
    // Another process sharing the server database bootstrapped first (the slug is unique): use its tenant.
    if ((error as { code?: string }).code !== '23505') throw error;
    const winner = await db.selectFrom('tenants').select(['id']).where('slug', '=', 'default').executeTakeFirstOrThrow();
    return { created: false, tenantId: winner.id, adminLogin };
  }
}

/**
 * A new tenant with its chart of accounts, built-in roles, audit chain and first administrator, in one
 * transaction. Without `adminPassword` a password is generated and returned once.
 */
export async function createTenantWithAdmin(
  db: Kysely<DB>,
  input: NewTenant & { adminLogin: string; adminPassword?: string },
): Promise<{ tenantId: string; adminLogin: string; generatedPassword?: string }> {
  const supplied = input.adminPassword;
  if (supplied !== undefined) requireAdminPassword(supplied, input.adminLogin);
  const password = supplied ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const tenantId = await inTransaction(db, async (trx) => {
    const id = await createTenantIn(trx, input);
    const userId = newId();
    await trx
      .insertInto('users')
      .values({ tenant_id: id, id: userId, login: input.adminLogin, display_name: 'Administrator', role: 'admin', department_id: null, password_hash: passwordHash, disabled_at: null })
      .execute();
    const actor = systemActor(id, 'tenant setup');
    await appendAudit(trx, actor, { action: 'tenant.created', entityType: 'tenant', entityId: id, after: { slug: input.slug, name: input.name, baseCurrency: input.baseCurrency } });
    await appendAudit(trx, actor, { action: 'user.created', entityType: 'user', entityId: userId, after: { login: input.adminLogin, role: 'admin' } });
    return id;
  });
  return supplied === undefined ? { tenantId, adminLogin: input.adminLogin, generatedPassword: password } : { tenantId, adminLogin: input.adminLogin };
}

/** The same policy as every password (length, not common, not the login), named after the variable. */
function requireAdminPassword(password: string, login: string): void {
  try {
    requireAcceptablePassword(password, login, 'KX_ADMIN_PASSWORD');
  } catch (error) {
    if (!isKxError(error, 'weak_password')) throw error;
    throw new KxError('weak_password', `KX_ADMIN_PASSWORD: ${error.message}`, { fields: [...error.fields] });
  }
}

/** 18 random bytes as base64url: 24 characters, 144 bits. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
