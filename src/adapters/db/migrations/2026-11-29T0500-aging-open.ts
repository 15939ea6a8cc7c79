import { sql, type Kysely } from 'kysely';

/**
 * AR aging that stays fast as the plan grows (issue 8, item 7; docs/performance.md "Reports at scale").
 * FROZEN once landed.
 *
 * aging_open holds what is still unpaid on the live instalments of confirmed orders, summed per (currency,
 * basis, day, the order's owner, the order's department, stripe): basis `due` keys an instalment by its due
 * date, basis `signed` by its order's signed date — the two ways aging counts days. Aging by owner, department
 * or in total reads a few thousand rows here instead of every open instalment (454,677 in the 1,000,000-receipt
 * demo), and buckets them by day exactly as the instalment query does.
 *
 * Kept by statement triggers, so no code path can settle, void, re-plan or reassign without moving it:
 * - instalments (insert, update, delete): the changed rows' unpaid parts, old ones subtracted and new ones
 *   added, each against its order as it stands now;
 * - orders (update): when the status, currency, owner, department or signed date changed, the order's current
 *   instalments' unpaid parts move from the old order's key to the new one's. (Orders are never deleted while
 *   they have instalments: the foreign key refuses it.)
 * Orders count while confirmed or completed. A completed order owes nothing, so its instalments add nothing;
 * counting it anyway means confirmed ↔ completed is no change to this table — and that is what makes the
 * settlement statements right: they update an order's status and its instalments' settled amounts in one
 * statement (settlement.ts saveFigures, receipt-batch.ts saveAllFigures), after which each trigger sees the
 * other table's new rows. So one statement may change an order's instalments or its key (counted or not,
 * currency, owner, department, signed date), never both; `verify` would report the drift.
 * Every path that writes an order's instalments locks the order row first (settlement, group commit, plan
 * edits), so a concurrent owner change and settlement of one order queue, and the second's trigger sees the
 * first's committed rows (READ COMMITTED: each statement of the trigger takes a fresh snapshot).
 *
 * A row whose count reaches zero is deleted by the same trigger call, so the table holds open money only and
 * reads do not grow with history. Upserts run in key order: concurrent postings queue instead of deadlocking.
 * `stripe` (0–3, the order id's last byte) spreads settlements of one owner's instalments due on one day over
 * four rows. `verify` re-derives the table from the instalments (verify-analytics.ts).
 */
const contributions = (rows: string, sign: string) => `
  SELECT i.tenant_id, i.order_id, i.due_date, ${sign} * (i.amount_minor - i.settled_minor) AS minor, ${sign} AS n
    FROM ${rows} i
   WHERE i.voided_at IS NULL AND i.settled_minor < i.amount_minor`;

/** The end of a statement whose CTE `keyed` holds summed changes per key: upserted in key order; emptied rows deleted. */
const upsertKeyed = `
      up AS (
        INSERT INTO aging_open AS a (tenant_id, currency, basis, day, owner_key, department_key, stripe, open_minor, open_count)
        SELECT * FROM keyed ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (tenant_id, currency, basis, day, owner_key, department_key, stripe) DO UPDATE
           SET open_minor = a.open_minor + excluded.open_minor,
               open_count = a.open_count + excluded.open_count
        RETURNING a.ctid, a.open_count
      )
      SELECT array_agg(ctid) FILTER (WHERE open_count = 0) INTO emptied FROM up;
      IF emptied IS NOT NULL THEN
        DELETE FROM aging_open WHERE ctid = ANY (emptied) AND open_count = 0 AND open_minor = 0;
      END IF;`;

/** Delta rows (tenant_id, order_id, due_date, minor, n) → keyed, summed, upserted in key order; zero rows deleted. */
const applyDelta = (delta: string) => `
      WITH delta AS (${delta}),
      keyed AS (
        SELECT d.tenant_id, o.currency, b.basis, b.day,
               coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_key,
               coalesce(o.department_id, '00000000-0000-0000-0000-000000000000'::uuid) AS department_key,
               (get_byte(uuid_send(o.id), 15) & 3)::smallint AS stripe,
               sum(d.minor) AS open_minor, sum(d.n)::integer AS open_count
          FROM delta d
          JOIN orders o ON o.tenant_id = d.tenant_id AND o.id = d.order_id AND o.status IN ('confirmed', 'completed')
          CROSS JOIN LATERAL (VALUES ('due', d.due_date), ('signed', o.signed_date)) AS b(basis, day)
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(d.minor) <> 0 OR sum(d.n) <> 0
      ),
${upsertKeyed}`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`
    CREATE TABLE aging_open (
      tenant_id uuid NOT NULL,
      currency char(3) NOT NULL,
      basis text NOT NULL CHECK (basis IN ('due', 'signed')),
      day date NOT NULL,
      owner_key uuid NOT NULL,
      department_key uuid NOT NULL,
      stripe smallint NOT NULL CHECK (stripe BETWEEN 0 AND 3),
      open_minor bigint NOT NULL,
      -- No CHECK (open_count >= 0): PostgreSQL checks the proposed row of an upsert (a negative delta) before the conflict.
      open_count integer NOT NULL,
      PRIMARY KEY (tenant_id, currency, basis, day, owner_key, department_key, stripe)
    );

    CREATE FUNCTION kx_aging_open_instalments() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE emptied tid[];
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${applyDelta(contributions('new_rows', '1'))}
      ELSIF TG_OP = 'UPDATE' THEN
        ${applyDelta(`${contributions('new_rows', '1')} UNION ALL ${contributions('old_rows', '-1')}`)}
      ELSE
        ${applyDelta(contributions('old_rows', '-1'))}
      END IF;
      RETURN NULL;
    END $$;

    CREATE TRIGGER instalments_aging_open_insert AFTER INSERT ON instalments
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_aging_open_instalments();
    CREATE TRIGGER instalments_aging_open_update AFTER UPDATE ON instalments
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_aging_open_instalments();
    CREATE TRIGGER instalments_aging_open_delete AFTER DELETE ON instalments
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_aging_open_instalments();

    -- An order's key or confirmation changed: its open instalments leave the old version's key (counted only
    -- if the old version was confirmed) and join the new version's (only if it is confirmed), both against the
    -- instalments as they are now.
    CREATE FUNCTION kx_aging_open_orders() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE emptied tid[];
    BEGIN
      WITH changed AS (
        SELECT o.tenant_id, o.id FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id
         WHERE (o.status IN ('confirmed', 'completed'), o.currency, o.owner_id, o.department_id, o.signed_date)
               IS DISTINCT FROM (n.status IN ('confirmed', 'completed'), n.currency, n.owner_id, n.department_id, n.signed_date)
      ),
      keyed AS (
        SELECT v.tenant_id, v.currency, b.basis, b.day,
               coalesce(v.owner_id, '00000000-0000-0000-0000-000000000000'::uuid) AS owner_key,
               coalesce(v.department_id, '00000000-0000-0000-0000-000000000000'::uuid) AS department_key,
               (get_byte(uuid_send(v.id), 15) & 3)::smallint AS stripe,
               sum(v.sign * (i.amount_minor - i.settled_minor)) AS open_minor, sum(v.sign)::integer AS open_count
          FROM (SELECT -1 AS sign, o.* FROM old_rows o UNION ALL SELECT 1, n.* FROM new_rows n) AS v
          JOIN changed c ON c.tenant_id = v.tenant_id AND c.id = v.id
          JOIN instalments i ON i.tenant_id = v.tenant_id AND i.order_id = v.id
          CROSS JOIN LATERAL (VALUES ('due', i.due_date), ('signed', v.signed_date)) AS b(basis, day)
         WHERE v.status IN ('confirmed', 'completed') AND i.voided_at IS NULL AND i.settled_minor < i.amount_minor
         GROUP BY 1, 2, 3, 4, 5, 6, 7
        HAVING sum(v.sign * (i.amount_minor - i.settled_minor)) <> 0 OR sum(v.sign) <> 0
      ),${upsertKeyed}
      RETURN NULL;
    END $$;

    CREATE TRIGGER orders_aging_open_update AFTER UPDATE ON orders
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION kx_aging_open_orders();

    -- What the open instalments hold now.
    INSERT INTO aging_open (tenant_id, currency, basis, day, owner_key, department_key, stripe, open_minor, open_count)
    SELECT o.tenant_id, o.currency, b.basis, b.day,
           coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'::uuid),
           coalesce(o.department_id, '00000000-0000-0000-0000-000000000000'::uuid),
           (get_byte(uuid_send(o.id), 15) & 3)::smallint,
           sum(i.amount_minor - i.settled_minor), count(*)
      FROM instalments i
      JOIN orders o ON o.tenant_id = i.tenant_id AND o.id = i.order_id AND o.status IN ('confirmed', 'completed')
      CROSS JOIN LATERAL (VALUES ('due', i.due_date), ('signed', o.signed_date)) AS b(basis, day)
     WHERE i.voided_at IS NULL AND i.settled_minor < i.amount_minor
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
  `).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
