import { Type } from 'typebox';
import { alertRules, severities } from '../../../core/alerts/rules.js';
import { limits } from '../../../core/limits.js';
import { acknowledgeAlert, assignAlert, getAlert, getRuleSettings, listAlerts, putRuleSettings, resolveAlert } from '../../../app/alerts/manage.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Severity = Type.Enum([...severities]);
const Status = Type.Enum(['open', 'acknowledged', 'resolved']);

const Alert = Type.Object({
  id: Type.String({ format: 'uuid' }),
  rule: Type.String(),
  severity: Severity,
  status: Status,
  messageKey: Type.String(),
  params: Type.Record(Type.String(), Type.String()),
  message: Type.Object({ zh: Type.String(), en: Type.String() }),
  links: Type.Array(Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() })),
  customerId: Nullable(Type.String()),
  customerName: Nullable(Type.String()),
  assigneeId: Nullable(Type.String()),
  assigneeName: Nullable(Type.String()),
  raisedAt: Type.String({ format: 'date-time' }),
  acknowledgedAt: Nullable(Type.String({ format: 'date-time' })),
  acknowledgedBy: Nullable(Type.String()),
  resolvedAt: Nullable(Type.String({ format: 'date-time' })),
  resolvedBy: Nullable(Type.String()),
  resolution: Type.Union([Type.Enum(['manual', 'auto']), Type.Null()]),
  resolutionNote: Nullable(Type.String()),
});

const Recipients = Type.Object({
  users: Type.Array(Type.String({ maxLength: 36 }), { maxItems: limits.alertRecipientsMax }),
  roles: Type.Array(Type.String({ maxLength: 40 }), { maxItems: limits.alertRecipientsMax }),
}, { additionalProperties: false });

const RuleSetting = Type.Object({
  rule: Type.String({ maxLength: 60 }),
  enabled: Type.Boolean(),
  severity: Type.String({ maxLength: 20 }),
  params: Type.Record(Type.String({ maxLength: 40 }), Type.Number(), { maxProperties: 10 }),
  recipients: Recipients,
}, { additionalProperties: false });

const RuleSettingView = Type.Object({
  rule: Type.Enum([...alertRules]),
  enabled: Type.Boolean(),
  severity: Severity,
  defaultSeverity: Severity,
  params: Type.Record(Type.String(), Type.Number()),
  ranges: Type.Record(Type.String(), Type.Object({ min: Type.Number(), max: Type.Number(), default: Type.Number() })),
  recipients: Type.Object({ users: Type.Array(Type.String()), roles: Type.Array(Type.String()) }),
});

const Id = Type.Object({ id: Type.String({ maxLength: 36 }) });
const tags = ['alerts'];

/** The alert center (预警中心) and the tenant's alert rule settings. */
export async function alertRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/alerts', {
    schema: {
      tags,
      summary: 'Alerts within your data scope, newest first (alerts.view)',
      querystring: Type.Object({
        status: Type.Optional(Type.Enum(['open', 'acknowledged', 'resolved', 'unresolved'])),
        severity: Type.Optional(Severity),
        rule: Type.Optional(Type.Enum([...alertRules])),
        customerId: Type.Optional(Type.String({ format: 'uuid' })),
        assigneeId: Type.Optional(Type.String({ format: 'uuid' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: limits.pageSizeMax })),
        cursor: Type.Optional(Type.String({ maxLength: 200 })),
      }),
      response: { 200: Type.Object({ items: Type.Array(Alert), nextCursor: Nullable(Type.String()) }) },
    },
  }, async (request) => listAlerts(db, actorOf(request), request.query));

  app.get('/api/v1/alerts/:id', {
    schema: { tags, summary: 'One alert with its explanation (zh and en) and links', params: Id, response: { 200: Alert } },
  }, async (request) => getAlert(db, actorOf(request), request.params.id));

  app.post('/api/v1/alerts/:id/acknowledge', {
    schema: { tags, summary: 'Acknowledge an open alert (alerts.handle)', params: Id, response: { 200: Alert } },
  }, async (request) => acknowledgeAlert(db, actorOf(request), request.params.id));

  app.post('/api/v1/alerts/:id/resolve', {
    schema: {
      tags, summary: 'Resolve an alert with a note saying how (alerts.handle)', params: Id,
      body: Type.Object({ note: Type.Optional(Type.String({ maxLength: limits.alertNoteCharsMax * 2 })) }, { additionalProperties: false }),
      response: { 200: Alert },
    },
    preValidation: async (request) => {
      request.body ??= {};
    },
  }, async (request) => resolveAlert(db, actorOf(request), request.params.id, request.body));

  app.post('/api/v1/alerts/:id/assign', {
    schema: {
      tags, summary: 'Assign an alert to a user, or unassign it with null (alerts.handle)', params: Id,
      body: Type.Object({ assigneeId: Nullable(Type.String({ maxLength: 36 })) }, { additionalProperties: false }),
      response: { 200: Alert },
    },
  }, async (request) => assignAlert(db, actorOf(request), request.params.id, request.body));

  app.get('/api/v1/alert-rules', {
    schema: { tags, summary: 'The tenant\'s alert rules: on/off, severity, parameters, recipients (alerts.view)', response: { 200: Type.Object({ rules: Type.Array(RuleSettingView) }) } },
  }, async (request) => getRuleSettings(db, actorOf(request)));

  app.put('/api/v1/alert-rules', {
    schema: {
      tags, summary: 'Change the settings of the rules given (alerts.manage); the others keep theirs',
      body: Type.Object({ rules: Type.Array(RuleSetting, { minItems: 1, maxItems: alertRules.length }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ rules: Type.Array(RuleSettingView) }) },
    },
  }, async (request) => putRuleSettings(db, actorOf(request), request.body));
}
