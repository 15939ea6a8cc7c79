import { Type } from 'typebox';
import { KxError } from '../../../core/errors.js';
import { getSettings, settingsBounds, updateSettings } from '../../../app/admin/settings.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';

const amountDescription = 'decimal string in major units of the base currency ("5000.00"); null: no second approval';

const Settings = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  name: Type.String(),
  timeZone: Type.String({ description: 'IANA time zone of business dates' }),
  baseCurrency: Type.String({ description: 'ISO 4217' }),
  graceDays: Type.Integer(),
  allowSelfConfirm: Type.Boolean(),
  allowPrivateWebhookTargets: Type.Boolean({ description: 'Webhook subscriptions may target private addresses; honoured only where the operator allows it (KX_WEBHOOK_ALLOW_PRIVATE=tenant)' }),
  refundSecondApprovalAmount: Type.Union([Type.String(), Type.Null()], { description: amountDescription }),
  sessionIdleMinutes: Type.Integer(),
  sessionAbsoluteMinutes: Type.Integer(),
});

const bounded = (key: keyof typeof settingsBounds) => Type.Optional(Type.Integer({ minimum: settingsBounds[key][0], maximum: settingsBounds[key][1] }));

const SettingsChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    baseCurrency: Type.Optional(Type.String({ maxLength: 3 })),
    graceDays: bounded('graceDays'),
    allowSelfConfirm: Type.Optional(Type.Boolean()),
    allowPrivateWebhookTargets: Type.Optional(Type.Boolean()),
    // Null first: the validator coerces types, and with the string branch first a JSON null would become "".
    refundSecondApprovalAmount: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 40 })], { description: amountDescription })),
    sessionIdleMinutes: bounded('sessionIdleMinutes'),
    sessionAbsoluteMinutes: bounded('sessionAbsoluteMinutes'),
  },
  { additionalProperties: false },
);

const tags = ['settings'];

/** The tenant's settings: every signed-in user reads them; changes need settings.manage. */
export async function settingsRoutes(app: KxApp, { database }: RouteDeps): Promise<void> {
  const { db } = database;

  app.get('/api/v1/settings', {
    schema: { tags, summary: "The tenant's settings", response: { 200: Settings } },
  }, async (request) => getSettings(db, actorOf(request)));

  app.patch('/api/v1/settings', {
    schema: { tags, summary: "Change the tenant's settings (the base currency only before anything is posted)", body: SettingsChanges, response: { 200: Settings } },
    // The validator coerces JSON numbers to strings; an amount must arrive as a decimal string, never as a
    // float that may already have lost digits, so a number is refused before it can be coerced.
    preValidation: async (request) => {
      if (typeof (request.body as { refundSecondApprovalAmount?: unknown } | undefined)?.refundSecondApprovalAmount === 'number') {
        const message = 'an amount is a decimal string such as "5000.00", not a JSON number';
        throw new KxError('validation_failed', message, { fields: [{ field: 'refundSecondApprovalAmount', code: 'validation_failed', message }] });
      }
    },
  }, async (request) => updateSettings(db, actorOf(request), request.body));
}
