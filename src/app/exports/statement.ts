import type { Kysely } from 'kysely';
import type { ExportLanguage } from '../../core/export/table.js';
import { nowFor, type Actor } from '../actor.js';
import { appendAudit } from '../audit.js';
import { customerStatement, statementMovementsMax, type CustomerStatement } from '../customer-statement.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import { inTransaction } from '../transaction.js';

export interface StatementDocument {
  tenantName: string;
  generatedAt: Date;
  /** One per currency the customer has postings in (the base currency when there are none). */
  statements: CustomerStatement[];
}

/**
 * The customer statement (对账单) for a PDF: the same statement as GET /customers/:id/statement, for every
 * currency, with up to statementMovementsMax movements each (the totals always cover them all). Reading it
 * needs what the statement needs (customers.view, the customer in scope): it is the document a sales rep sends
 * to their customer. It is audited like an export.
 */
export async function statementDocument(db: Kysely<DB>, actor: Actor, customerId: string, query: { from?: string; to?: string; language: ExportLanguage }): Promise<StatementDocument> {
  const period = { from: query.from, to: query.to, limit: statementMovementsMax };
  const first = await customerStatement(db, actor, customerId, period);
  const others = first.currencies.filter((c) => c !== first.currency);
  const statements = [first, ...(await Promise.all(others.map((currency) => customerStatement(db, actor, customerId, { ...period, currency }))))];
  // The base currency's section is kept only when it has something to say, or when nothing else does.
  const shown = statements.filter((s, i) => i > 0 || !others.length || s.movementCount > 0 || /[1-9]/.test(s.openingBalance));
  const tenant = await db.selectFrom('tenants').select('name').where('id', '=', actor.tenantId).executeTakeFirstOrThrow();
  await inTransaction(db, (trx) => appendAudit(trx, actor, {
    action: 'export.created',
    entityType: 'export',
    entityId: newId(),
    after: {
      source: 'customer_statement', format: 'pdf', language: query.language,
      filters: { customerId, from: first.from, to: first.to },
      rowCount: shown.reduce((sum, s) => sum + Math.min(s.movementCount, statementMovementsMax), 0),
    },
  }));
  return { tenantName: tenant.name, generatedAt: nowFor(actor), statements: shown };
}
