import { Type } from 'typebox';
import { getPreferences, listNotifications, markAllRead, markRead, setPreferences, unreadCount } from '../../../app/notify/inbox.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { Uuid } from './money-common.js';

const tags = ['notifications'];
const Texts = Type.Object({ zh: Type.String(), en: Type.String() });
const Notification = Type.Object({
  id: Uuid, type: Type.String(), eventId: Uuid, title: Texts, body: Texts, payload: Type.Unknown(),
  createdAt: Type.String({ format: 'date-time' }), readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
const Preferences = Type.Object({ emailEnabled: Type.Boolean(), language: Type.Enum(['zh', 'en']), email: Type.Union([Type.String(), Type.Null()]) });

/** The signed-in person's own notifications (the bell) and their notification preferences. */
export async function notificationRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/notifications', {
    schema: {
      tags, summary: 'My notifications, newest first',
      querystring: Type.Object({
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.notificationsPageSizeMax })),
        unread: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Notification), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listNotifications(db, actorOf(request), request.query));

  app.get('/api/v1/notifications/unread-count', {
    schema: { tags, summary: 'How many of my notifications are unread (the bell\'s badge)', response: { 200: Type.Object({ unread: Type.Integer() }) } },
  }, async (request) => unreadCount(db, actorOf(request)));

  app.post('/api/v1/notifications/read', {
    schema: {
      tags, summary: 'Mark some of my notifications read',
      body: Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: limits.notificationsPageSizeMax }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ marked: Type.Integer() }) },
    },
  }, async (request) => markRead(db, actorOf(request), request.body.ids));

  app.post('/api/v1/notifications/read-all', {
    schema: { tags, summary: 'Mark all my notifications read', response: { 200: Type.Object({ marked: Type.Integer() }) } },
  }, async (request) => markAllRead(db, actorOf(request)));

  app.get('/api/v1/notification-preferences', {
    schema: { tags, summary: 'My notification preferences', response: { 200: Preferences } },
  }, async (request) => getPreferences(db, actorOf(request)));

  app.put('/api/v1/notification-preferences', {
    schema: {
      tags, summary: 'Set my notification preferences (email opt-in, language of emails)',
      body: Type.Object({ emailEnabled: Type.Optional(Type.Boolean()), language: Type.Optional(Type.Enum(['zh', 'en'])) }, { additionalProperties: false }),
      response: { 200: Preferences },
    },
  }, async (request) => setPreferences(db, actorOf(request), request.body as Parameters<typeof setPreferences>[2]));
}
