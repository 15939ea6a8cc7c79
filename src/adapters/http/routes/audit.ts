import { Type } from 'typebox';
import { listAudit, verifyTenantAudit } from '../../../app/audit-query.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const tags = ['audit'];
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

const AuditRecord = Type.Object({
  seq: Type.Integer({ description: 'position in the tenant’s hash chain' }),
  id: Type.String({ format: 'uuid' }),
  occurredAt: Type.String({ format: 'date-time' }),
  actor: Type.Object({ kind: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]), id: Nullable(Type.String()), label: Type.String() }),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.Object({ type: Type.String(), id: Nullable(Type.String()) }),
  before: Type.Unknown({ description: 'the state before the change (sensitive fields masked without sensitive.view)' }),
  after: Type.Unknown({ description: 'the state after the change (sensitive fields masked without sensitive.view)' }),
  reason: Nullable(Type.String()),
});

/** The audit trail for auditors: filtered reading, newest first, and verification of the hash chain. */
export async function auditRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/audit', {
    schema: {
      tags,
      summary: 'Audit records, newest first',
      querystring: Type.Object({
        actor: Type.Optional(Type.String({ format: 'uuid', description: 'the acting user or API key' })),
        action: Type.Optional(Type.String({ maxLength: 100 })),
        entityType: Type.Optional(Type.String({ maxLength: 100 })),
        entityId: Type.Optional(Type.String({ maxLength: 200 })),
        from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive' })),
        to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive' })),
        cursor: Type.Optional(Type.String({ maxLength: 500 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
      }),
      response: { 200: Type.Object({ items: Type.Array(AuditRecord), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request) => listAudit(db, actorOf(request), request.query));

  app.get('/api/v1/audit/verify', {
    schema: {
      tags,
      summary: 'Re-compute the hash chain of your tenant’s audit trail and name every record that does not hold',
      response: {
        200: Type.Object({
          ok: Type.Boolean(),
          problems: Type.Array(Type.Object({
            seq: Type.Integer(),
            id: Nullable(Type.String()),
            problem: Type.Union([Type.Literal('altered'), Type.Literal('missing'), Type.Literal('broken_link'), Type.Literal('head_mismatch')]),
            message: Type.String(),
          })),
        }),
      },
    },
  }, async (request) => verifyTenantAudit(db, actorOf(request)));
}
