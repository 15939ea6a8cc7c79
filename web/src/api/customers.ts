/**
 * Shapes of the customer endpoints the customer pages use (src/adapters/http/routes/customers.ts and
 * customer-statement.ts, and the lists its tabs show): aliases of the types generated from the server's OpenAPI
 * document.
 */
import type { ItemOf, RequestJson, ResponseJson } from './openapi-types';

/**
 * What the customer form sends: a PATCH body, where null clears the owner or department, with code and name. A
 * create leaves the nulls out, as POST takes none.
 */
export type CustomerInput = RequestJson<'patch', '/customers/{id}'> & Pick<RequestJson<'post', '/customers'>, 'code' | 'name'>;

/** One user of the tenant's directory (GET /users). */
export type DirectoryUser = ItemOf<'get', '/users'>;
export type Department = ItemOf<'get', '/departments'>;

/** GET /customers/:id/statement (对账单). */
export type CustomerStatement = ResponseJson<'get', '/customers/{id}/statement'>;
export type StatementMovement = CustomerStatement['movements'][number];
export type StatementKind = StatementMovement['kind'];

/** GET /customers/:id/advances. */
export type CustomerAdvances = ResponseJson<'get', '/customers/{id}/advances'>;

/** A receipt in a list (GET /receipts). */
export type ReceiptRow = ItemOf<'get', '/receipts'>;
/** A refund in a list (GET /refunds). */
export type RefundRow = ItemOf<'get', '/refunds'>;
/** One record of the audit trail (GET /audit). */
export type AuditRecord = ItemOf<'get', '/audit'>;
