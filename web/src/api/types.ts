/**
 * Shapes the API answers with (see /api/docs); amounts are decimal strings in major units with a currency. Aliases
 * of the types generated from the server's OpenAPI document (openapi.d.ts, `npm run api:types`).
 */
import type { ResponseJson } from './openapi-types';

export type Me = ResponseJson<'get', '/auth/me'>;
export type User = Me['user'];

/** allowPrivateWebhookTargets: subscriptions may target private addresses (honoured only where the operator lets tenants decide). */
export type TenantSettings = ResponseJson<'get', '/settings'>;

export type Customer = ResponseJson<'get', '/customers/{id}'>;
export type CustomerFigures = Customer['figures'][number];
export type Contact = Customer['contacts'][number];
