import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../../app/actor.js';
import {
  createTemplate, deleteTemplate, deliveryFile, getTemplate, listTemplates, removeSchedule, runTemplate, setSchedule, updateTemplate,
} from '../../../app/reports/templates.js';
import type { DB } from '../../../app/schema.js';
import { contentDisposition } from '../../../core/export/table.js';
import { limits } from '../../../core/limits.js';
import type { Language } from '../../../core/notify/messages.js';
import { chartKinds, deliveryFormats, rangePresets, reportKinds, scheduleFrequencies } from '../../../core/reports/templates.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import type { Kysely } from 'kysely';
import { Aging, Collection, ForecastResult, PivotResult, ReconciliationResult, RefundsResult, UnallocatedResult } from './reports.js';

/**
 * Report templates: save, share, schedule, run; and a delivered report file for its recipient. These schemas are
 * the contract: the web's types are generated from them (`npm run api:types`, web/src/api/openapi.d.ts).
 */
const tags = ['reports'];
const Id = Type.Object({ id: Type.String({ maxLength: 36 }) });
const literals = <const T extends string>(values: readonly T[]) => Type.Enum([...values]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Range = Type.Union([
  Type.Object({ preset: literals(rangePresets) }, { additionalProperties: false }),
  Type.Object({ from: Type.String({ maxLength: 10, description: 'YYYY-MM-DD' }), to: Type.String({ maxLength: 10 }) }, { additionalProperties: false }),
], { description: 'a preset resolved against the day the template runs (tenant time zone), or fixed dates; only for pivot, collection, refunds and reconciliation' });

const Definition = Type.Object({
  params: Type.Record(Type.String({ maxLength: 40 }), Type.Unknown(), { description: 'the report\'s own request without from/to: the pivot body, or the query of GET /reports/<kind>', maxProperties: 20 }),
  range: Type.Optional(Range),
}, { additionalProperties: false });

const inputFields = {
  name: Type.String({ minLength: 1, maxLength: limits.nameCharsMax }),
  description: Type.Optional(Type.String({ maxLength: limits.reportTemplateDescriptionCharsMax })),
  kind: literals(reportKinds),
  definition: Definition,
  chart: literals(chartKinds),
  sharedWithRoles: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: limits.reportScheduleRecipientsMax, description: 'role codes; sharing needs reports.manage' })),
};
const TemplateInput = Type.Object(inputFields, { additionalProperties: false });
const TemplatePatch = Type.Partial(Type.Object(inputFields), { additionalProperties: false });

const scheduleFields = {
  frequency: literals(scheduleFrequencies),
  hour: Type.Integer({ minimum: 0, maximum: 23, description: 'hour of day in the tenant time zone' }),
  weekday: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: '1 Monday … 7 Sunday; weekly only' })),
  dayOfMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 28, description: 'monthly only' })),
  format: literals(deliveryFormats),
  recipients: Type.Object({
    userIds: Type.Array(Type.String({ maxLength: 36 }), { maxItems: limits.reportScheduleRecipientsMax }),
    roles: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: limits.reportScheduleRecipientsMax }),
  }, { additionalProperties: false, description: 'each gets the report run as themselves (their data scope); anyone but yourself needs reports.manage' }),
  webhook: Type.Boolean({ description: 'also send report.delivered to the tenant\'s webhook subscribers (needs reports.manage)' }),
  enabled: Type.Boolean(),
};
const ScheduleInput = Type.Object(scheduleFields, { additionalProperties: false });
const Schedule = Type.Object({
  ...scheduleFields,
  nextRunAt: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
  lastRun: Type.Optional(Nullable(Type.Object({ at: Type.String({ format: 'date-time' }), outcome: literals(['done', 'failed'] as const), detail: Nullable(Type.String()) }))),
});

const Template = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  kind: literals(reportKinds),
  definition: Definition,
  chart: literals(chartKinds),
  builtIn: Type.Boolean({ description: 'built-ins are read-only: copy one to change it' }),
  ownerUserId: Nullable(Type.String()),
  ownerName: Nullable(Type.String()),
  sharedWithRoles: Type.Array(Type.String()),
  schedule: Nullable(Schedule),
  canEdit: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/**
 * A run answers what the kind's own endpoint answers, so its schema is the union of theirs: the document (and the
 * web's types generated from it) then say what a result is. Each has required fields no other has, so the
 * serializer's first matching branch is the right one and writes the same JSON as the endpoint.
 */
const ReportResult = Type.Union([PivotResult, Aging, Collection, ForecastResult, RefundsResult, UnallocatedResult, ReconciliationResult], {
  description: 'the result of the template kind\'s own report endpoint (POST /reports/pivot, GET /reports/<kind>)',
});

/**
 * The language of built-in templates' names: the request's Accept-Language (zh or en, by preference), else the
 * person's notification language, else 中文.
 */
export async function languageOf(db: Kysely<DB>, request: FastifyRequest, actor: Actor): Promise<Language> {
  const header = request.headers['accept-language'];
  if (typeof header === 'string' && header.trim() !== '') {
    const ranked = header.split(',').map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag: tag ?? '', q: Number.isFinite(q) ? q : 0, index };
    }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.index - b.index);
    const first = ranked.find((x) => x.tag.startsWith('zh') || x.tag.startsWith('en'));
    if (first) return first.tag.startsWith('zh') ? 'zh' : 'en';
  }
  if (actor.userId === null) return 'zh';
  const pref = await db.selectFrom('notification_preferences').select('language').where('tenant_id', '=', actor.tenantId).where('user_id', '=', actor.userId).executeTakeFirst();
  return pref?.language ?? 'zh';
}

export async function reportTemplateRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;
  const language = (request: FastifyRequest) => languageOf(db, request, actorOf(request));

  app.get('/api/v1/report-templates', {
    schema: { tags, summary: 'Report templates you may use: built-ins first, then your own and those shared with your role', response: { 200: Type.Object({ items: Type.Array(Template) }) } },
  }, async (request) => listTemplates(db, actorOf(request), await language(request)));

  app.post('/api/v1/report-templates', {
    schema: { tags, summary: 'Save a report template (needs receipts.view; sharing with roles needs reports.manage; audited)', body: TemplateInput, response: { 201: Template } },
  }, async (request, reply) => reply.code(201).send(await createTemplate(db, actorOf(request), request.body)));

  app.get('/api/v1/report-templates/:id', {
    schema: { tags, summary: 'One report template (a built-in one too)', params: Id, response: { 200: Template } },
  }, async (request) => getTemplate(db, actorOf(request), request.params.id, await language(request)));

  app.patch('/api/v1/report-templates/:id', {
    schema: { tags, summary: 'Change your template (name, description, definition, chart, sharing); built-ins are read-only (audited)', params: Id, body: TemplatePatch, response: { 200: Template } },
  }, async (request) => updateTemplate(db, actorOf(request), request.params.id, request.body));

  app.delete('/api/v1/report-templates/:id', {
    schema: { tags, summary: 'Delete your template and its schedule (audited); delivered files stay with their recipients', params: Id, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteTemplate(db, actorOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/v1/report-templates/:id/run', {
    schema: {
      tags, summary: 'Run a template now, as you (your permissions and data scope), its range resolved to today: the same result as the report\'s own endpoint',
      params: Id, response: { 200: Type.Object({ template: Template, result: ReportResult }) },
    },
  }, async (request) => runTemplate(db, actorOf(request), request.params.id, await language(request)));

  app.put('/api/v1/report-templates/:id/schedule', {
    schema: { tags, summary: 'Schedule your template daily, weekly or monthly to people (each sees their own scope), roles and webhooks (audited)', params: Id, body: ScheduleInput, response: { 200: Template } },
  }, async (request) => setSchedule(db, actorOf(request), request.params.id, request.body, await language(request)));

  app.delete('/api/v1/report-templates/:id/schedule', {
    schema: { tags, summary: 'Stop delivering your template (audited)', params: Id, response: { 200: Template } },
  }, async (request) => removeSchedule(db, actorOf(request), request.params.id, await language(request)));

  app.get('/api/v1/report-deliveries/:id/file', {
    schema: { tags, summary: 'A scheduled report\'s file, for its recipient only', params: Id },
  }, async (request, reply) => {
    const file = await deliveryFile(db, actorOf(request), request.params.id);
    return reply.type(file.contentType).header('content-disposition', contentDisposition(file.fileName)).header('cache-control', 'no-store').send(file.content);
  });
}
