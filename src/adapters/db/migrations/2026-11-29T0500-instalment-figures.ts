import { sql, type Kysely } from 'kysely';

/**
 * Instalment figures that stay fast as the plan grows: AR aging and the plan by due date (issue 8, item 7;
 * docs/reports.md "AR aging", docs/performance.md "Reports at scale"). FROZEN once landed.
 *
 * instalment_figures sums the live instalments of confirmed (or completed) orders per (currency, basis, day,
 * the order's owner, the order's department, stripe), three ways:
 * - basis `due`: what is still unpaid, by due date, and basis `signed`: the same by the order's signed date —
 *   the two ways aging counts days. Aging by owner, department or in total reads a few thousand rows here
 *   instead of every open instalment (439,871 in the 1,000,000-receipt demo), bucketing them by day exactly as
 *   the instalment query does;
 * - basis `plan`: the whole amount of every live instalment, by due date — what was due per day, paid or not
 *   (the dashboard's plan trend).
 * `amount_minor` is the sum and `instalment_count` how many instalments stand behind it.
 *
 * Kept by statement triggers, so no code path can settle, void, re-plan or reassign without moving it:
 * - instalments (insert, update, delete): the changed rows' figures, old ones subtracted and new ones added,
 *   each against its order as it stands now;
 * - orders (update): when the status (counted or not), currency, owner, department or signed date changed, the
 *   order's current instalments' figures move from the old order's key to the new one's. (Orders are never
 *   deleted while they have instalments: the foreign key refuses it.)
 * Orders count while confirmed or completed. A completed order owes nothing, so its instalments add nothing
 * unpaid; counting it anyway means confirmed ↔ completed is no change to this table — and that is what makes
 * the settlement statements right: they update an order's status and its instalments' settled amounts in one
 * statement (settlement.ts saveFigures, receipt-batch.ts saveAllFigures), after which each trigger sees the
 * other table's new rows. So one statement may change an order's instalments or its key (counted or not,
 * currency, owner, department, signed date), never both; `verify` would report the drift.
 * Every path that writes an order's instalments locks the order row first (settlement, group commit, plan
 * edits), so a concurrent owner change and settlement of one order queue, and the second's trigger sees the
 * first's committed rows (READ COMMITTED: each statement of the trigger takes a fresh snapshot).
 *
 * A row whose count reaches zero is deleted by the same trigger call, so the unpaid bases hold open money only
 * and do not grow with history. Upserts run in key order: concurrent writers queue instead of deadlocking.
 * `stripe` (0–3, the order id's last byte) spreads settlements of one owner's instalments due on one day over
 * four rows. `verify` re-derives the table from the instalments (verify-analytics.ts).
 */
const nil = `'00000000-0000-0000-0000-000000000000'::uuid`;

/** Delta rows of instalment versions: (tenant_id, order_id, due_date, unpaid, unpaid_n, amount), times `sign`. */
const versions = (rows: string, sign: string) => `
  SELECT i.tenant_id, i.order_id, i.due_date,
         ${sign} * greatest(i.amount_minor - i.settled_minor, 0) AS unpaid, ${sign} * (i.settled_minor < i.amount_minor)::int AS unpaid_n,
         ${sign} * i.amount_minor AS amount, ${sign} AS n
    FROM ${rows} i
   WHERE i.voided_at IS NULL`;

/** One delta row's three keyed figures, given the order's signed date. */
const bases = (d: string, signed: string) => `
  CROSS JOIN LATERAL (VALUES ('due', ${d}.due_date, ${d}.unpaid, ${d}.unpaid_n), ('signed', ${signed}, ${d}.unpaid, ${d}.unpaid_n),
                             ('plan', ${d}.due_date, ${d}.amount, ${d}.n)) AS b(basis, day, minor, n)`;

/** The key columns of an order version `o` (nil for a missing owner or department; stripe from its id). */
const orderKey = (o: string) => `
  coalesce(${o}.owner_id, ${nil}) AS owner_key, coalesce(${o}.department_id, ${nil}) AS department_key,
  (get_byte(uuid_send(${o}.id), 15) & 3)::smallint AS stripe`;

/** The end of a statement whose CTE `keyed` holds summed changes per key: upserted in key order; emptied rows deleted. */
const upsertKeyed = `
      up AS (
        INSERT INTO instalment_figures AS a (tenant_id, currency, basis, day, owner_key, department_key, stripe, amount_minor, instalment_count)
        SELECT * FROM keyed ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (tenant_id, currency, basis, day, owner_key, department_key, stripe) DO UPDATE
           SET amount_minor = a.amount_minor + excluded.amount_minor,
               instalment_count = a.instalment_count + excluded.instalment_count
        RETURNING a.ctid, a.instalment_count
      )
      SELECT array_agg(ctid) FILTER (WHERE instalment_count = 0) INTO emptied FROM up;
      IF emptied IS NOT NULL THEN
        DELETE FROM instalment_figures WHERE ctid = ANY (emptied) AND instalment_count = 0 AND amount_minor = 0;
      END IF;`;

/** Instalment delta rows → keyed against each one's order as it stands now, summed, upserted. */
const applyDelta = (delta: string) => `
      WITH delta AS (${delta}),
      keyed AS (
        SELECT d.tenant_id, o.currency, b.basis, b.day, ${orderKey('o')}, sum(b.minor) AS amount_minor, sum(b.n)::integer AS instalment_count
          FROM delta d
          JOIN orders o ON o.tenant_id = d.tenant_id AND o.id = d.order_id AND o.status IN ('confirmed', 'completed')
          ${bases('d', 'o.signed_date')}
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(b.minor) <> 0 OR sum(b.n) <> 0
      ),
${upsertKeyed}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE TABLE instalment_figures (
      tenant_id uuid NOT NULL,
      currency char(3) NOT NULL,
      basis text NOT NULL CHECK (basis IN ('due', 'signed', 'plan')),
      day date NOT NULL,
      owner_key uuid NOT NULL,
      department_key uuid NOT NULL,
      stripe smallint NOT NULL CHECK (stripe BETWEEN 0 AND 3),
      amount_minor bigint NOT NULL,
      -- No CHECK (instalment_count >= 0): PostgreSQL checks the proposed row of an upsert (a negative delta) before the conflict.
      instalment_count integer NOT NULL,
      PRIMARY KEY (tenant_id, currency, basis, day, owner_key, department_key, stripe)
    );

    CREATE FUNCTION kx_instalment_figures_instalments() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE emptied tid[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${applyDelta(versions('new_rows', '1'))}
      ELSIF TG_OP = 'UPDATE' THEN
        ${applyDelta(`${versions('new_rows', '1')} UNION ALL ${versions('old_rows', '-1')}`)}
      ELSE
        ${applyDelta(versions('old_rows', '-1'))}
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER instalments_figures_insert AFTER INSERT ON instalments
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_instalment_figures_instalments();
    CREATE TRIGGER instalments_figures_update AFTER UPDATE ON instalments
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_instalment_figures_instalments();
    CREATE TRIGGER instalments_figures_delete AFTER DELETE ON instalments
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_instalment_figures_instalments();

    -- An order's key or confirmation changed: its live instalments leave the old version's key (counted only
    -- if the old version was confirmed or completed) and join the new version's (likewise), both against the
    -- instalments as they are now.
    CREATE FUNCTION kx_instalment_figures_orders() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE emptied tid[];
    BEGIN
      WITH changed AS (
        SELECT o.tenant_id, o.id FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
         WHERE (o.status IN ('confirmed', 'completed'), o.currency, o.owner_id, o.department_id, o.signed_date)
               IS DISTINCT FROM (n.status IN ('confirmed', 'completed'), n.currency, n.owner_id, n.department_id, n.signed_date)
      ),
      versions AS (
        SELECT -1 AS sign, o.* FROM old_rows o JOIN changed c ON c.tenant_id = o.tenant_id AND c.id = o.id
         WHERE o.status IN ('confirmed', 'completed')
        UNION ALL
        SELECT 1, n.* FROM new_rows n JOIN changed c ON c.tenant_id = n.tenant_id AND c.id = n.id
         WHERE n.status IN ('confirmed', 'completed')
      ),
      delta AS (
        SELECT v.tenant_id, v.currency, v.owner_id, v.department_id, v.id, v.signed_date, i.due_date,
               v.sign * greatest(i.amount_minor - i.settled_minor, 0) AS unpaid, v.sign * (i.settled_minor < i.amount_minor)::int AS unpaid_n,
               v.sign * i.amount_minor AS amount, v.sign AS n
          FROM versions v
          JOIN instalments i ON i.tenant_id = v.tenant_id AND i.order_id = v.id
         WHERE i.voided_at IS NULL
      ),
      keyed AS (
        SELECT d.tenant_id, d.currency, b.basis, b.day, ${orderKey('d')}, sum(b.minor) AS amount_minor, sum(b.n)::integer AS instalment_count
          FROM delta d
          ${bases('d', 'd.signed_date')}
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(b.minor) <> 0 OR sum(b.n) <> 0
      ),${upsertKeyed}
      RETURN NULL;
    END $$;

    CREATE TRIGGER orders_instalment_figures_update AFTER UPDATE ON orders
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_instalment_figures_orders();

    -- What the instalments hold now.
    INSERT INTO instalment_figures (tenant_id, currency, basis, day, owner_key, department_key, stripe, amount_minor, instalment_count)
    SELECT d.tenant_id, o.currency, b.basis, b.day, ${orderKey('o')}, sum(b.minor), sum(b.n)
      FROM (${versions('instalments', '1')}) d
      JOIN orders o ON o.tenant_id = d.tenant_id AND o.id = d.order_id AND o.status IN ('confirmed', 'completed')
      ${bases('d', 'o.signed_date')}
     GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(b.n) <> 0;
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
