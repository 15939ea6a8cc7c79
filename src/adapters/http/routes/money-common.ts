import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { IdempotentOutcome } from '../../../app/idempotency.js';
import { KxError, type FieldIssue } from '../../../core/errors.js';
import { limits } from '../../../core/limits.js';

/** Schema pieces and request helpers shared by the receivables routes (orders, receipts, refunds, adjustments). */
export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const BusinessDate = Type.String({ format: 'date', description: 'YYYY-MM-DD in the tenant’s time zone' });
export const Amount = Type.String({ minLength: 1, maxLength: 40, description: 'decimal string in major units of the currency, e.g. "1234.56"; never a JSON number' });
export const Currency = Type.String({ minLength: 3, maxLength: 3, description: 'ISO 4217 code' });
export const NullableUuid = Type.Union([Uuid, Type.Null()]);
export const NullableString = Type.Union([Type.String(), Type.Null()]);
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'required: one effect per key; a repeat returns the first answer with Idempotent-Replayed: true' })),
});
/** The reason a person gives for rejecting or cancelling a request. */
export const ReasonBody = Type.Object({ reason: Type.String({ maxLength: limits.remarksCharsMax }) }, { additionalProperties: false });
export const PageQuery = {
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

/** Sends a use case's idempotent outcome: its first status, or the same body again marked as a replay. */
export function sendOutcome<T>(reply: FastifyReply, outcome: IdempotentOutcome<T>) {
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(outcome.status).send(outcome.body);
}

/** Keys whose values are money or quantities: they must arrive as JSON strings. */
const decimalKeys = new Set(['amount', 'unitPrice', 'quantity', 'rate', 'exchangeRate', 'receiptAmount']);

/**
 * Amounts must arrive as JSON strings: JSON.parse has already rounded a JSON number to a double, so
 * 12345678901234567.89 would be taken for …568. The raw body is walked before validation and any number
 * under a money key is refused, never repaired. Register as the route's preValidation.
 */
export async function decimalsAreStrings(request: FastifyRequest): Promise<void> {
  const fields: FieldIssue[] = [];
  const walk = (value: unknown, path: string, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.slice(0, 1000).forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1));
      return;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path === '' ? key : `${path}.${key}`;
      if (decimalKeys.has(key) && typeof child === 'number') {
        fields.push({ field: childPath, code: 'invalid_amount', message: `${key} is a decimal string like "1234.56", not a number` });
      } else walk(child, childPath, depth + 1);
    }
  };
  walk(request.body, '', 0);
  if (fields.length > 0) throw new KxError('invalid_amount', fields[0]!.message, { fields });
}
