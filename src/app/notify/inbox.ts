import type { Kysely } from 'kysely';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { languages, renderMessage, type Language, type MessageParams } from '../../core/notify/messages.js';
import type { Actor } from '../actor.js';
import { decodeCursor, toPage, uuidPattern, type Page } from '../pagination.js';
import { fail } from '../receivables/common.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';

/**
 * The bell (通知): each person's own notifications. Nobody reads or marks anyone else's: every query is by the
 * actor's tenant and user, so another user's notification id is simply not found. An API key acts for its creator.
 */

export interface NotificationView {
  id: string;
  type: string;
  eventId: string;
  /** In both languages: the workbench shows the one it is in. */
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  payload: unknown;
  createdAt: string;
  readAt: string | null;
}

export interface Preferences {
  emailEnabled: boolean;
  language: Language;
  /** The address mail goes to (the user's profile); null: no email can be sent whatever the switch says. */
  email: string | null;
}

function userOf(actor: Actor): string {
  if (actor.userId === null) throw new KxError('forbidden', 'notifications belong to a person; this actor has none');
  return actor.userId;
}

export async function listNotifications(db: Kysely<DB>, actor: Actor, query: { cursor?: string; limit?: number; unread?: boolean }): Promise<Page<NotificationView>> {
  const userId = userOf(actor);
  const size = Math.min(Math.max(query.limit ?? 20, 1), limits.notificationsPageSizeMax);
  const after = decodeCursor(query.cursor, (p) => uuidPattern.test(p));
  let q = db.selectFrom('notifications').select(['id', 'type', 'event_id', 'message_key', 'params', 'payload', 'created_at', 'read_at'])
    .where('tenant_id', '=', actor.tenantId).where('user_id', '=', userId);
  if (after !== undefined) q = q.where('id', '<', after);
  if (query.unread) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('id', 'desc').limit(size + 1).execute();
  return toPage(rows, size, (r) => {
    const zh = renderMessage(r.message_key, r.params as MessageParams, 'zh', r.type);
    const en = renderMessage(r.message_key, r.params as MessageParams, 'en', r.type);
    return {
      id: r.id, type: r.type, eventId: r.event_id, title: { zh: zh.subject, en: en.subject }, body: { zh: zh.body, en: en.body },
      payload: r.payload, createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
    };
  }, (r) => r.id);
}

export async function unreadCount(db: Kysely<DB>, actor: Actor): Promise<{ unread: number }> {
  const userId = userOf(actor);
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', actor.tenantId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirstOrThrow();
  return { unread: Number(row.n) };
}

/** Marks the given notifications (the actor's own) read; ids that are not theirs are not found. */
export async function markRead(db: Kysely<DB>, actor: Actor, ids: readonly string[]): Promise<{ marked: number }> {
  const userId = userOf(actor);
  if (ids.length === 0 || ids.length > limits.notificationsPageSizeMax) throw fail('validation_failed', 'ids', `1–${limits.notificationsPageSizeMax} ids`);
  return inTransaction(db, async (trx) => {
    const own = await trx.selectFrom('notifications').select('id').where('tenant_id', '=', actor.tenantId).where('user_id', '=', userId).where('id', 'in', [...ids]).execute();
    if (own.length !== new Set(ids).size) throw fail('not_found', 'ids', 'no such notification');
    const result = await trx.updateTable('notifications').set({ read_at: new Date() })
      .where('tenant_id', '=', actor.tenantId).where('user_id', '=', userId).where('id', 'in', [...ids]).where('read_at', 'is', null).executeTakeFirst();
    return { marked: Number(result.numUpdatedRows) };
  });
}

export async function markAllRead(db: Kysely<DB>, actor: Actor): Promise<{ marked: number }> {
  const userId = userOf(actor);
  const result = await db.updateTable('notifications').set({ read_at: new Date() })
    .where('tenant_id', '=', actor.tenantId).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return { marked: Number(result.numUpdatedRows) };
}

export async function getPreferences(db: Kysely<DB>, actor: Actor): Promise<Preferences> {
  const userId = userOf(actor);
  const row = await db.selectFrom('users as u')
    .leftJoin('notification_preferences as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.user_id', '=', 'u.id'))
    .select(['u.email', 'p.email_enabled', 'p.language']).where('u.tenant_id', '=', actor.tenantId).where('u.id', '=', userId).executeTakeFirst();
  if (!row) throw fail('not_found', 'user', 'no such user');
  return { emailEnabled: row.email_enabled ?? false, language: (row.language ?? 'zh') as Language, email: row.email };
}

export async function setPreferences(db: Kysely<DB>, actor: Actor, patch: { emailEnabled?: boolean; language?: Language }): Promise<Preferences> {
  const userId = userOf(actor);
  if (patch.language !== undefined && !languages.includes(patch.language)) throw fail('validation_failed', 'language', 'language is zh or en');
  const current = await getPreferences(db, actor);
  const next = { email_enabled: patch.emailEnabled ?? current.emailEnabled, language: patch.language ?? current.language };
  await db.insertInto('notification_preferences').values({ tenant_id: actor.tenantId, user_id: userId, ...next, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ ...next, updated_at: new Date() })).execute();
  return { ...current, emailEnabled: next.email_enabled, language: next.language };
}
