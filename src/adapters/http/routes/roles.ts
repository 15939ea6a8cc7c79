import { Type } from 'typebox';
import { dataScopes } from '../../../core/auth/permissions.js';
import { limits } from '../../../core/limits.js';
import { createRole, deleteRole, getRole, listRoles, roleCatalog, updateRole } from '../../../app/admin/roles.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const DataScope = Type.Enum([...dataScopes], { description: 'own: their customers; department: their department and sub-departments; all' });

const Role = Type.Object({
  code: Type.String(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  dataScope: DataScope,
  builtin: Type.Boolean(),
  userCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});

const RoleCode = Type.Object({ code: Type.String({ maxLength: 40 }) });
const Permissions = Type.Array(Type.String({ maxLength: 60 }), { maxItems: 100 });

const tags = ['roles'];

/** Roles: the built-in ones (read-only) and custom ones made of permissions. All of it needs users.manage. */
export async function roleRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/permissions', {
    schema: {
      tags,
      summary: 'The permissions and data scopes custom roles are built from',
      response: { 200: Type.Object({ permissions: Type.Array(Type.String()), dataScopes: Type.Array(DataScope) }) },
    },
  }, async (request) => roleCatalog(actorOf(request)));

  app.get('/api/v1/roles', {
    schema: {
      tags,
      summary: 'List roles, built-in and custom',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Role), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listRoles(db, actorOf(request), request.query));

  app.get('/api/v1/roles/:code', {
    schema: { tags, summary: 'One role', params: RoleCode, response: { 200: Role } },
  }, async (request) => getRole(db, actorOf(request), request.params.code));

  app.post('/api/v1/roles', {
    schema: {
      tags,
      summary: 'Create a custom role',
      body: Type.Object(
        { code: Type.String({ maxLength: 40 }), name: Type.String({ maxLength: 100 }), permissions: Permissions, dataScope: DataScope },
        { additionalProperties: false },
      ),
      response: { 201: Role },
    },
  }, async (request, reply) => reply.code(201).send(await createRole(db, actorOf(request), request.body)));

  app.patch('/api/v1/roles/:code', {
    schema: {
      tags,
      summary: 'Change a custom role (built-in roles are read-only)',
      params: RoleCode,
      body: Type.Object(
        { name: Type.Optional(Type.String({ maxLength: 100 })), permissions: Type.Optional(Permissions), dataScope: Type.Optional(DataScope) },
        { additionalProperties: false },
      ),
      response: { 200: Role },
    },
  }, async (request) => updateRole(db, actorOf(request), request.params.code, request.body));

  app.delete('/api/v1/roles/:code', {
    schema: { tags, summary: 'Delete a custom role that no user has', params: RoleCode, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteRole(db, actorOf(request), request.params.code);
    return reply.code(204).send(null);
  });
}
