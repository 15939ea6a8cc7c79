import { Type } from 'typebox';
import { limits } from '../../../core/limits.js';
import { createDepartment, deleteDepartment, getDepartment, listDepartments, updateDepartment } from '../../../app/admin/departments.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const Department = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});

const DepartmentId = Type.Object({ id: Type.String({ format: 'uuid' }) });
// Null first: the validator coerces types, and with the string branch first a JSON null would become "".
const ParentId = Type.Union([Type.Null(), Type.String({ format: 'uuid' })], { description: 'null: a top-level department' });

const tags = ['departments'];

/** The department tree: every signed-in user reads it; changes need users.manage. */
export async function departmentRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/departments', {
    schema: {
      tags,
      summary: 'List departments (a tree by parentId), by code',
      querystring: Type.Object({
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Department), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
    },
  }, async (request) => listDepartments(db, actorOf(request), request.query));

  app.get('/api/v1/departments/:id', {
    schema: { tags, summary: 'One department', params: DepartmentId, response: { 200: Department } },
  }, async (request) => getDepartment(db, actorOf(request), request.params.id));

  app.post('/api/v1/departments', {
    schema: {
      tags,
      summary: 'Create a department',
      body: Type.Object({ code: Type.String({ maxLength: 40 }), name: Type.String({ maxLength: 100 }), parentId: Type.Optional(ParentId) }, { additionalProperties: false }),
      response: { 201: Department },
    },
  }, async (request, reply) => reply.code(201).send(await createDepartment(db, actorOf(request), request.body)));

  app.patch('/api/v1/departments/:id', {
    schema: {
      tags,
      summary: 'Rename or move a department (never under itself or its sub-departments)',
      params: DepartmentId,
      body: Type.Object(
        { code: Type.Optional(Type.String({ maxLength: 40 })), name: Type.Optional(Type.String({ maxLength: 100 })), parentId: Type.Optional(ParentId) },
        { additionalProperties: false },
      ),
      response: { 200: Department },
    },
  }, async (request) => updateDepartment(db, actorOf(request), request.params.id, request.body));

  app.delete('/api/v1/departments/:id', {
    schema: { tags, summary: 'Delete a department without sub-departments, users or customers', params: DepartmentId, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteDepartment(db, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });
}
