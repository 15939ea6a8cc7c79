import { Type } from 'typebox';
import { limits } from '../../../core/limits.js';
import { createUser, disableUser, enableUser, getUser, listUsers, updateUser } from '../../../app/admin/users.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

// Null first: the validator coerces types, and with the string branch first a JSON null would become "".
const nullableString = (options: { maxLength: number }) => Type.Union([Type.Null(), Type.String(options)]);
const NullableUuid = Type.Union([Type.Null(), Type.String({ format: 'uuid' })]);

const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  login: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()], { description: 'masked (z***@example.com) without sensitive.view' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'masked (138****5678) without sensitive.view' }),
  role: Type.String(),
  departmentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  disabled: Type.Boolean(),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

const UserPage = Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) });
const UserId = Type.Object({ id: Type.String({ format: 'uuid' }) });

const NewUser = Type.Object(
  {
    login: Type.String({ maxLength: 64, description: '2–64 letters, digits, ".", "_", "-", "@"; unique per tenant ignoring case' }),
    displayName: Type.String({ maxLength: 100 }),
    email: Type.Optional(nullableString({ maxLength: 254 })),
    phone: Type.Optional(nullableString({ maxLength: 32 })),
    role: Type.String({ maxLength: 40 }),
    departmentId: Type.Optional(NullableUuid),
    password: Type.String({ maxLength: 256, description: '8–64 characters' }),
  },
  { additionalProperties: false },
);

const UserChanges = Type.Object(
  {
    displayName: Type.Optional(Type.String({ maxLength: 100 })),
    email: Type.Optional(nullableString({ maxLength: 254 })),
    phone: Type.Optional(nullableString({ maxLength: 32 })),
    role: Type.Optional(Type.String({ maxLength: 40 })),
    departmentId: Type.Optional(NullableUuid),
  },
  { additionalProperties: false },
);

const tags = ['users'];

/** Users of the tenant: a directory for every signed-in user; changes need users.manage. */
export async function userRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/users', {
    schema: {
      tags,
      summary: 'List users (directory; contact details masked without sensitive.view)',
      querystring: Type.Object({
        role: Type.Optional(Type.String({ maxLength: 40 })),
        departmentId: Type.Optional(Type.String({ format: 'uuid' })),
        disabled: Type.Optional(Type.Boolean()),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: UserPage },
    },
  }, async (request) => listUsers(db, actorOf(request), request.query));

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'One user', params: UserId, response: { 200: User } },
  }, async (request) => getUser(db, actorOf(request), request.params.id));

  app.post('/api/v1/users', {
    schema: { tags, summary: 'Create a user (users.manage)', body: NewUser, response: { 201: User } },
  }, async (request, reply) => reply.code(201).send(await createUser(db, actorOf(request), request.body)));

  app.patch('/api/v1/users/:id', {
    schema: { tags, summary: 'Change a user (users.manage); a new role ends their sessions', params: UserId, body: UserChanges, response: { 200: User } },
  }, async (request) => updateUser(db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/users/:id/disable', {
    schema: { tags, summary: 'Disable a user and end all their sessions (users.manage)', params: UserId, response: { 200: User } },
  }, async (request) => disableUser(db, actorOf(request), request.params.id));

  app.post('/api/v1/users/:id/enable', {
    schema: { tags, summary: 'Enable a disabled user (users.manage)', params: UserId, response: { 200: User } },
  }, async (request) => enableUser(db, actorOf(request), request.params.id));
}
