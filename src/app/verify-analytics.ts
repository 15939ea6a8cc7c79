import { sql, type Transaction } from 'kysely';
import { NO_CUSTOMER, type DB } from './schema.js';
import { derivedInstalmentFigures } from './reports/instalment-figures.js';
import type { VerifyCheck } from './verify.js';

const nil = sql`${NO_CUSTOMER}::uuid`;

/** `and <alias>.tenant_id = …` when one tenant is checked, nothing when all are. */
const tenantFilter = (tenantId: string | undefined, alias: string) => (tenantId ? sql`and ${sql.ref(`${alias}.tenant_id`)} = ${tenantId}` : sql``);

/** A group of journal lines (alias l) as the report figures hold it: debit, credit, number of lines. */
const lineSums = sql`coalesce(sum(l.amount_minor) filter (where l.amount_minor > 0), 0) as debit_minor,
             coalesce(-sum(l.amount_minor) filter (where l.amount_minor < 0), 0) as credit_minor,
             count(*) as line_count`;

/** A figure row (alias s: stored, d: derived) as text for a problem, null when the side has no row. */
const figureText = (alias: 's' | 'd') =>
  sql`case when ${sql.ref(`${alias}.tenant_id`)} is null then null else ${sql.ref(`${alias}.debit_minor`)} || ' Dr / ' || ${sql.ref(`${alias}.credit_minor`)} || ' Cr / ' || ${sql.ref(`${alias}.line_count`)} || ' lines' end`;

/** The stored (s) and derived (d) figures of one key differ, or one side is missing. */
const figuresDiffer = sql`s.debit_minor is distinct from d.debit_minor or s.credit_minor is distinct from d.credit_minor or s.line_count is distinct from d.line_count`;

/**
 * The report figures (ledger_daily, ledger_monthly) against a recomputation from the journal: every (day or
 * month, account, source, dimensions, currency) row equals the sum of its lines, no row exists without lines,
 * none is missing.
 */
export async function analyticsChecks(trx: Transaction<DB>, tenantId: string | undefined, limit: number): Promise<VerifyCheck[]> {
  const tenant = (alias: string) => tenantFilter(tenantId, alias);
  const drift = await sql<{ tenant_id: string; day: string; source: string; customer_key: string; currency: string; stored: string | null; derived: string | null }>`
    with derived as (
      select l.tenant_id, e.entry_date as day, l.account_id, e.source,
             coalesce(l.customer_id, ${nil}) as customer_key, coalesce(l.owner_id, ${nil}) as owner_key,
             coalesce(l.department_id, ${nil}) as department_key, coalesce(l.product_id, ${nil}) as product_key,
             coalesce(l.channel, '') as channel_key, l.currency,
             ${lineSums}
        from journal_lines l
        join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
       where true ${tenant('l')}
       group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    ), stored as (
      select * from ledger_daily d where true ${tenant('d')}
    )
    select coalesce(d.tenant_id, s.tenant_id) as tenant_id, coalesce(d.day, s.day)::text as day, coalesce(d.source, s.source) as source,
           coalesce(d.customer_key, s.customer_key) as customer_key, coalesce(d.currency, s.currency) as currency,
           ${figureText('s')} as stored, ${figureText('d')} as derived
      from derived d
      full join stored s using (tenant_id, day, account_id, source, customer_key, owner_key, department_key, product_key, channel_key, currency)
     where ${figuresDiffer}
     order by 1, 2, 3, 4
     limit ${limit}`.execute(trx);
  const daily: VerifyCheck = {
    name: 'every daily report figure equals the sum of its journal lines',
    problems: drift.rows.map((r) => {
      return driftProblem(`ledger_daily row (tenant ${r.tenant_id}, ${r.day}, ${r.source}, customer ${r.customer_key}, ${r.currency})`, r);
    }),
  };
  return [daily, await monthlyCheck(trx, tenantId, limit), await instalmentFiguresCheck(trx, tenantId, limit)];
}

/** How a stored figure row differs from the journal's: missing, without lines, or with other sums. */
function driftProblem(where: string, r: { stored: string | null; derived: string | null }): string {
  if (r.stored === null) return `${where} is missing: the journal gives ${r.derived} (minor units)`;
  if (r.derived === null) return `${where} holds ${r.stored} (minor units) but has no journal lines`;
  return `${where}: stored ${r.stored}, journal gives ${r.derived} (minor units)`;
}

/**
 * The monthly roll-up (ledger_monthly) against the journal itself, not against ledger_daily: a drift in both
 * the same way would otherwise pass. Compared per key summed over its stripes (which connection wrote a figure,
 * and whether the fold has moved it to stripe 0 yet, changes nothing a reader sees).
 */
async function monthlyCheck(trx: Transaction<DB>, tenantId: string | undefined, limit: number): Promise<VerifyCheck> {
  const tenant = (alias: string) => tenantFilter(tenantId, alias);
  const drift = await sql<{ tenant_id: string; month: string; source: string; owner_key: string; currency: string; stored: string | null; derived: string | null }>`
    with derived as (
      select l.tenant_id, date_trunc('month', e.entry_date)::date as month, l.account_id, e.source,
             coalesce(l.owner_id, ${nil}) as owner_key, coalesce(l.department_id, ${nil}) as department_key,
             coalesce(l.product_id, ${nil}) as product_key, coalesce(l.channel, '') as channel_key, l.currency,
             ${lineSums}
        from journal_lines l
        join journal_entries e on e.tenant_id = l.tenant_id and e.id = l.entry_id
       where true ${tenant('l')}
       group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    ), stored as (
      select tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency,
             sum(debit_minor) as debit_minor, sum(credit_minor) as credit_minor, sum(line_count) as line_count
        from ledger_monthly m where true ${tenant('m')}
       group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    )
    select coalesce(d.tenant_id, s.tenant_id) as tenant_id, to_char(coalesce(d.month, s.month), 'YYYY-MM') as month, coalesce(d.source, s.source) as source,
           coalesce(d.owner_key, s.owner_key) as owner_key, coalesce(d.currency, s.currency) as currency,
           ${figureText('s')} as stored, ${figureText('d')} as derived
      from derived d
      full join stored s using (tenant_id, month, account_id, source, owner_key, department_key, product_key, channel_key, currency)
     where ${figuresDiffer}
     order by 1, 2, 3, 4
     limit ${limit}`.execute(trx);
  return {
    name: 'every monthly report figure equals the sum of its journal lines',
    problems: drift.rows.map((r) => {
      return driftProblem(`ledger_monthly figure (tenant ${r.tenant_id}, ${r.month}, ${r.source}, owner ${r.owner_key}, ${r.currency})`, r);
    }),
  };
}

/**
 * The instalment figures (aging's unpaid amounts, the plan by due date) against the instalments themselves:
 * every row equals what its instalments give, no row stands for nothing (an emptied row is deleted by the
 * trigger), none is missing.
 */
async function instalmentFiguresCheck(trx: Transaction<DB>, tenantId: string | undefined, limit: number): Promise<VerifyCheck> {
  const drift = await sql<{ tenant_id: string; currency: string; basis: string; day: string; owner_key: string; stripe: number; stored: string | null; derived: string | null }>`
    with derived as (${derivedInstalmentFigures(tenantId)}),
    stored as (select * from instalment_figures a where true ${tenantFilter(tenantId, 'a')})
    select coalesce(d.tenant_id, s.tenant_id) as tenant_id, coalesce(d.currency, s.currency) as currency, coalesce(d.basis, s.basis) as basis,
           coalesce(d.day, s.day)::text as day, coalesce(d.owner_key, s.owner_key) as owner_key, coalesce(d.stripe, s.stripe) as stripe,
           case when s.tenant_id is null then null else s.amount_minor || ' on ' || s.instalment_count || ' instalments' end as stored,
           case when d.tenant_id is null then null else d.amount_minor || ' on ' || d.instalment_count || ' instalments' end as derived
      from derived d
      full join stored s using (tenant_id, currency, basis, day, owner_key, department_key, stripe)
     where s.amount_minor is distinct from d.amount_minor or s.instalment_count is distinct from d.instalment_count
     order by 1, 2, 3, 4
     limit ${limit}`.execute(trx);
  return {
    name: 'every instalment figure (unpaid by due and signed date, plan by due date) equals its instalments',
    problems: drift.rows.map((r) => {
      const where = `instalment_figures row (tenant ${r.tenant_id}, ${r.currency}, ${r.basis} ${r.day}, owner ${r.owner_key}, stripe ${r.stripe})`;
      if (r.stored === null) return `${where} is missing: the instalments give ${r.derived} (minor units)`;
      if (r.derived === null) return `${where} holds ${r.stored} (minor units) but no instalment stands behind it`;
      return `${where}: stored ${r.stored}, the instalments give ${r.derived} (minor units)`;
    }),
  };
}
