import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { getEntry, postManualEntry, reverseEntryFor, trialBalanceFor, type PostingOutcome } from '../../../app/journal.js';
import { limits } from '../../../core/limits.js';
import { actorOf, type KxApp, type RouteDeps } from '../context.js';
import { BusinessDate, decimalsAreStrings, idempotencyKeyOf, NullableString, Uuid } from './money-common.js';

const tags = ['ledger'];

const Entry = Type.Object({
  id: Uuid,
  entryDate: Type.String(),
  memo: Type.String(),
  source: Type.String(),
  reversesEntryId: NullableString,
  reversedByEntryId: NullableString,
  lines: Type.Array(Type.Object({
    lineNo: Type.Integer(),
    account: Type.String(),
    side: Type.Union([Type.Literal('debit'), Type.Literal('credit')]),
    amount: Type.String({ description: 'decimal string in major units of the currency' }),
    currency: Type.String(),
    customerId: NullableString,
    departmentId: NullableString,
    ownerId: NullableString,
    productId: NullableString,
    channel: NullableString,
    memo: Type.String(),
  })),
});

const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'one effect per key: a repeat returns the first result (200, Idempotent-Replayed: true)' })),
});

const LineInput = Type.Object({
  account: Type.String({ minLength: 1, maxLength: 100 }),
  side: Type.Union([Type.Literal('debit'), Type.Literal('credit')]),
  amount: Type.String({ minLength: 1, maxLength: 40, description: 'positive decimal string in major units, e.g. "1234.56"' }),
  currency: Type.String({ minLength: 3, maxLength: 3 }),
  customerId: Type.Optional(Uuid),
  departmentId: Type.Optional(Uuid),
  ownerId: Type.Optional(Uuid),
  productId: Type.Optional(Uuid),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
  memo: Type.Optional(Type.String({ maxLength: limits.memoCharsMax })),
}, { additionalProperties: false });

/** 201 for a new posting; the first response again with 200 and Idempotent-Replayed for a repeated key. */
function sendPosting(reply: FastifyReply, outcome: PostingOutcome) {
  if (outcome.replayed) return reply.code(200).header('Idempotent-Replayed', 'true').send(outcome.entry);
  return reply.code(201).send(outcome.entry);
}

/** The journal: trial balance, entries, manual postings and reversals. Amounts are decimal strings. */
export async function ledgerRoutes(app: KxApp, deps: RouteDeps): Promise<void> {
  const { db } = deps.database;

  app.get('/api/v1/ledger/trial-balance', {
    schema: {
      tags,
      summary: 'Debits, credits and balance per account and currency (needs the data scope "all")',
      response: {
        200: Type.Object({
          rows: Type.Array(Type.Object({ account: Type.String(), kind: Type.String(), currency: Type.String(), debit: Type.String(), credit: Type.String(), balance: Type.String() })),
          totals: Type.Array(Type.Object({ currency: Type.String(), balance: Type.String() })),
        }),
      },
    },
  }, async (request) => trialBalanceFor(db, actorOf(request)));

  app.get('/api/v1/ledger/entries/:id', {
    schema: { tags, summary: 'One journal entry with its lines', params: Type.Object({ id: Uuid }), response: { 200: Entry } },
  }, async (request) => getEntry(db, actorOf(request), request.params.id));

  app.post('/api/v1/ledger/entries', {
    preValidation: decimalsAreStrings,
    schema: {
      tags,
      summary: 'Post a manual journal entry (Idempotency-Key header required)',
      headers: IdempotencyHeaders,
      body: Type.Object({
        entryDate: BusinessDate,
        memo: Type.Optional(Type.String({ maxLength: limits.memoCharsMax })),
        lines: Type.Array(LineInput, { maxItems: limits.journalLinesPerEntryMax }),
      }, { additionalProperties: false }),
      response: { 200: Entry, 201: Entry },
    },
  }, async (request, reply) => sendPosting(reply, await postManualEntry(db, actorOf(request), request.body, idempotencyKeyOf(request))));

  app.post('/api/v1/ledger/entries/:id/reversal', {
    schema: {
      tags,
      summary: 'Reverse a journal entry with a reason (at most once per entry)',
      params: Type.Object({ id: Uuid }),
      headers: IdempotencyHeaders,
      body: Type.Object({
        entryDate: BusinessDate,
        reason: Type.String({ maxLength: 500 }),
        memo: Type.Optional(Type.String({ maxLength: limits.memoCharsMax })),
      }, { additionalProperties: false }),
      response: { 200: Entry, 201: Entry },
    },
  }, async (request, reply) => sendPosting(reply, await reverseEntryFor(db, actorOf(request), request.params.id, request.body, idempotencyKeyOf(request))));
}
