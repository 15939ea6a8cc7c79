import { KxError, type FieldIssue } from '../../core/errors.js';
import { grants, type Grant } from '../../core/auth/permissions.js';
import type { Actor } from '../actor.js';

/** Throws one error (with the first issue's code) naming every bad field, so a form can show them all at once. */
export function throwIfInvalid(issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  throw new KxError(issues[0]!.code, issues[0]!.message, { fields: [...issues] });
}

export function issue(field: string, message: string, code: FieldIssue['code'] = 'validation_failed'): FieldIssue {
  return { field, code, message };
}

export { uuidPattern as uuidShape } from '../pagination.js';

/** What every list takes: a page size (clamped to limits.pageSizeMax) and the cursor of the page before. */
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/**
 * Nobody hands out more than they hold: assigning a role, or defining one, needs every permission the role
 * carries. Without this, anyone with users.manage could make themselves an admin. Holders of '*' may grant
 * anything; '*' itself only they may hand out.
 */
export function requireCanGrant(actor: Actor, granted: readonly string[], what: string): void {
  if (actor.permissions.has('*')) return;
  const missing = granted.filter((p) => p === '*' || !grants(actor.permissions, p as Exclude<Grant, '*'>));
  if (missing.length > 0) {
    throw new KxError('forbidden', `${what} carries permissions you do not hold yourself`, { details: { missing } });
  }
}

/** The SQLSTATE and constraint of a database error, for turning known refusals into stable codes. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  return (error ?? {}) as { code?: string; constraint?: string };
}

export function trimmed(value: string | undefined): string | undefined {
  return value === undefined ? undefined : value.trim();
}
