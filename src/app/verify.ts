import { sql, type Kysely } from 'kysely';
import { formatAmount, isCurrency } from '../core/money/index.js';
import { NO_CUSTOMER, type DB } from './schema.js';
import { receivablesChecks } from './verify-receivables.js';
import { analyticsChecks } from './verify-analytics.js';

export interface VerifyCheck {
  name: string;
  /** Human-readable descriptions of broken rows, first one first; empty when the check passed. */
  problems: string[];
}

export interface VerifyReport {
  ok: boolean;
  checks: VerifyCheck[];
}

/** Broken rows listed per check; the first is what matters, the rest show the extent. */
const problemsPerCheckMax = 20;

const amount = (minor: bigint | string | null, currency: string) =>
  minor === null ? 'nothing' : isCurrency(currency) ? `${formatAmount(BigInt(minor), currency)} ${currency}` : `${minor} minor units`;

/**
 * Re-derives everything the ledger stores from the journal itself and reports every disagreement: entries
 * that do not balance or have fewer than two lines, balance rows that differ from the sum of their lines
 * (or exist without lines, or are missing), reversals that are not exact mirrors, unknown currencies.
 * Read-only; runs in one repeatable-read transaction so concurrent postings cannot produce false alarms.
 */
export async function verifyLedger(db: Kysely<DB>, options: { tenantId?: string } = {}): Promise<VerifyReport> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const tenant = options.tenantId ? sql`and x.tenant_id = ${options.tenantId}` : sql``;
      const checks: VerifyCheck[] = [];

      const short = await sql<{ tenant_id: string; id: string; lines: bigint }>`
        select x.tenant_id, x.id, count(l.line_no)::int8 as lines
          from journal_entries x
          left join journal_lines l on l.tenant_id = x.tenant_id and l.entry_id = x.id
         where true ${tenant}
         group by x.tenant_id, x.id
        having count(l.line_no) < 2
         order by x.tenant_id, x.id
         limit ${problemsPerCheckMax}`.execute(trx);
      checks.push({
        name: 'every entry has at least two lines',
        problems: short.rows.map((r) => `journal entry ${r.id} (tenant ${r.tenant_id}) has ${r.lines} line(s)`),
      });

      const unbalanced = await sql<{ tenant_id: string; entry_id: string; currency: string; total: string }>`
        select x.tenant_id, x.entry_id, x.currency, sum(x.amount_minor)::text as total
          from journal_lines x
         where true ${tenant}
         group by x.tenant_id, x.entry_id, x.currency
        having sum(x.amount_minor) <> 0
         order by x.tenant_id, x.entry_id
         limit ${problemsPerCheckMax}`.execute(trx);
      checks.push({
        name: 'every entry balances in each currency',
        problems: unbalanced.rows.map(
          (r) => `journal entry ${r.entry_id} (tenant ${r.tenant_id}): debits exceed credits by ${amount(r.total, r.currency)}`,
        ),
      });

      const drift = await sql<{
        tenant_id: string; code: string | null; account_id: string; customer_key: string; currency: string;
        stored: string | null; derived: string | null; stored_dr: string | null; derived_dr: string | null;
        stored_cr: string | null; derived_cr: string | null; stored_n: string | null; derived_n: string | null;
      }>`
        with derived as (
          select x.tenant_id, x.account_id, coalesce(x.customer_id, ${NO_CUSTOMER}::uuid) as customer_key, x.currency,
                 sum(x.amount_minor) as balance,
                 coalesce(sum(x.amount_minor) filter (where x.amount_minor > 0), 0) as debit,
                 coalesce(-sum(x.amount_minor) filter (where x.amount_minor < 0), 0) as credit,
                 count(*) as n
            from journal_lines x
           where true ${tenant}
           group by 1, 2, 3, 4
        ), stored as (
          select x.* from account_balances x where true ${tenant}
        )
        select coalesce(d.tenant_id, s.tenant_id) as tenant_id, a.code,
               coalesce(d.account_id, s.account_id) as account_id,
               coalesce(d.customer_key, s.customer_key) as customer_key,
               coalesce(d.currency, s.currency) as currency,
               s.balance_minor::text as stored, d.balance::text as derived,
               s.debit_minor::text as stored_dr, d.debit::text as derived_dr,
               s.credit_minor::text as stored_cr, d.credit::text as derived_cr,
               s.line_count::text as stored_n, d.n::text as derived_n
          from derived d
          full join stored s using (tenant_id, account_id, customer_key, currency)
          left join accounts a on a.tenant_id = coalesce(d.tenant_id, s.tenant_id) and a.id = coalesce(d.account_id, s.account_id)
         where s.balance_minor is distinct from d.balance
            or s.debit_minor is distinct from d.debit
            or s.credit_minor is distinct from d.credit
            or s.line_count is distinct from d.n
         order by 1, 2, 4, 5
         limit ${problemsPerCheckMax}`.execute(trx);
      checks.push({
        name: 'every balance equals the sum of its journal lines',
        problems: drift.rows.map((r) => {
          const who = r.customer_key === NO_CUSTOMER ? 'no customer' : `customer ${r.customer_key}`;
          const where = `account_balances row (tenant ${r.tenant_id}, account ${r.code ?? r.account_id}, ${who}, ${r.currency})`;
          if (r.stored === null) return `${where} is missing: the journal sums to ${amount(r.derived, r.currency)}`;
          if (r.derived === null) return `${where} holds ${amount(r.stored, r.currency)} but has no journal lines`;
          return `${where}: stored balance ${amount(r.stored, r.currency)} (debits ${amount(r.stored_dr, r.currency)}, credits ${amount(r.stored_cr, r.currency)}, ${r.stored_n} lines), journal gives ${amount(r.derived, r.currency)} (debits ${amount(r.derived_dr, r.currency)}, credits ${amount(r.derived_cr, r.currency)}, ${r.derived_n} lines)`;
        }),
      });

      const badReversals = await sql<{ tenant_id: string; id: string; original: string }>`
        select x.tenant_id, x.id, x.reverses_entry_id as original
          from journal_entries x
         where x.reverses_entry_id is not null ${tenant}
           and exists (
             (select account_id, currency, -amount_minor, customer_id, department_id, owner_id, product_id, channel from journal_lines
               where tenant_id = x.tenant_id and entry_id = x.reverses_entry_id
              except all
              select account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel from journal_lines
               where tenant_id = x.tenant_id and entry_id = x.id)
             union all
             (select account_id, currency, amount_minor, customer_id, department_id, owner_id, product_id, channel from journal_lines
               where tenant_id = x.tenant_id and entry_id = x.id
              except all
              select account_id, currency, -amount_minor, customer_id, department_id, owner_id, product_id, channel from journal_lines
               where tenant_id = x.tenant_id and entry_id = x.reverses_entry_id))
         order by 1, 2
         limit ${problemsPerCheckMax}`.execute(trx);
      checks.push({
        name: 'every reversal mirrors its original exactly',
        problems: badReversals.rows.map((r) => `journal entry ${r.id} (tenant ${r.tenant_id}) does not exactly reverse ${r.original}`),
      });

      const currencies = await sql<{ currency: string }>`
        select distinct x.currency from journal_lines x where true ${tenant} order by 1`.execute(trx);
      checks.push({
        name: 'every currency is a known ISO 4217 code',
        problems: currencies.rows.filter((r) => !isCurrency(r.currency)).map((r) => `journal lines use unknown currency ${r.currency}`),
      });

      const totals = await sql<{ tenant_id: string; currency: string; total: string }>`
        select x.tenant_id, x.currency, sum(x.balance_minor)::text as total
          from account_balances x where true ${tenant}
         group by 1, 2 having sum(x.balance_minor) <> 0 order by 1, 2`.execute(trx);
      checks.push({
        name: 'the trial balance is zero in each currency',
        problems: totals.rows.map((r) => `tenant ${r.tenant_id}: balances sum to ${amount(r.total, r.currency)}, not zero`),
      });

      checks.push(...(await receivablesChecks(trx, options.tenantId, problemsPerCheckMax)));
      checks.push(...(await analyticsChecks(trx, options.tenantId, problemsPerCheckMax)));
      return { ok: checks.every((c) => c.problems.length === 0), checks };
    });
}
