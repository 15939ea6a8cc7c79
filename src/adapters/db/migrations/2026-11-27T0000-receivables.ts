import { sql, type Kysely } from 'kysely';

/**
 * Receivables: orders with lines and payment plans, receipts and their allocations, refunds, credit notes and
 * write-offs, exchange rates, human document numbers, and the idempotency store of business requests.
 * FROZEN once landed.
 *
 * The money invariants of DESIGN.md are CHECK constraints on the rows a use case locks and updates, so the
 * database refuses a breach even when two requests race: an order never owes less than zero (paid + credited +
 * written off ≤ total), an instalment is never settled beyond its amount, a receipt never gives out more than
 * it brought in (allocated + held for refunds ≤ amount), a refund never pays out more than it holds.
 * Allocations are append-only: re-allocation is a negative row plus a new one, never an edit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tenants
      -- Instalments due within this many days are "due soon".
      ADD COLUMN due_soon_days integer NOT NULL DEFAULT 7 CHECK (due_soon_days BETWEEN 0 AND 90),
      -- The largest write-off (核销) of a small difference, in minor units of the base currency.
      ADD COLUMN write_off_max_minor bigint NOT NULL DEFAULT 10000 CHECK (write_off_max_minor >= 0);

    ALTER TABLE customers
      ADD COLUMN tax_id text,
      ADD COLUMN contacts jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(contacts) = 'array'),
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      ADD COLUMN remarks text NOT NULL DEFAULT '',
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
    CREATE INDEX customers_owner ON customers (tenant_id, owner_id);
    CREATE INDEX customers_department ON customers (tenant_id, department_id);

    ALTER TABLE products
      ADD COLUMN unit text NOT NULL DEFAULT '',
      ADD COLUMN active boolean NOT NULL DEFAULT true;

    -- Human numbers (OD-2026-000123): the last number handed out per tenant, prefix and year. Numbers are taken
    -- in a short transaction of their own, so this row is never locked for the length of a business
    -- transaction; a request that fails after taking one leaves a gap.
    CREATE TABLE document_numbers (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      prefix text NOT NULL CHECK (prefix ~ '^[A-Z]{2}$'),
      year integer NOT NULL CHECK (year BETWEEN 1900 AND 9999),
      last_value bigint NOT NULL CHECK (last_value > 0),
      PRIMARY KEY (tenant_id, prefix, year)
    );

    -- One effect per Idempotency-Key. The first request inserts its key and, in the same transaction, its
    -- answer; a concurrent repeat waits on the unique key until that commits, then replays the answer.
    CREATE TABLE idempotency_keys (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      key text NOT NULL,
      operation text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );

    -- Exchange rates: how many units of the tenant's base currency one unit of currency is worth on a date.
    CREATE TABLE fx_rates (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      rate_date date NOT NULL,
      rate numeric(24, 10) NOT NULL CHECK (rate > 0),
      source text NOT NULL DEFAULT 'manual',
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, currency, rate_date),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
    );

    CREATE TABLE orders (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      number text NOT NULL,
      customer_id uuid NOT NULL,
      title text NOT NULL DEFAULT '',
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      status text NOT NULL CHECK (status IN ('draft', 'confirmed', 'completed', 'cancelled')),
      owner_id uuid,
      department_id uuid,
      signed_date date NOT NULL,
      total_minor bigint NOT NULL CHECK (total_minor > 0),
      paid_minor bigint NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
      credited_minor bigint NOT NULL DEFAULT 0 CHECK (credited_minor >= 0),
      written_off_minor bigint NOT NULL DEFAULT 0 CHECK (written_off_minor >= 0),
      -- Base-currency rate and total fixed when the order is confirmed.
      base_rate numeric(24, 10),
      base_total_minor bigint,
      remarks text NOT NULL DEFAULT '',
      confirm_entry_id uuid,
      confirmed_at timestamptz,
      confirmed_by uuid,
      cancelled_at timestamptz,
      cancel_reason text,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id),
      FOREIGN KEY (tenant_id, confirm_entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, confirmed_by) REFERENCES users (tenant_id, id),
      -- Never a negative receivable: what settled or reduced the order never exceeds it.
      CONSTRAINT orders_not_oversettled CHECK (paid_minor + credited_minor + written_off_minor <= total_minor)
    );
    CREATE INDEX orders_customer ON orders (tenant_id, customer_id, signed_date);
    CREATE INDEX orders_signed ON orders (tenant_id, signed_date, id);

    CREATE TABLE order_lines (
      tenant_id uuid NOT NULL,
      order_id uuid NOT NULL,
      line_no smallint NOT NULL CHECK (line_no >= 1),
      product_id uuid,
      description text NOT NULL DEFAULT '',
      -- Thousandths of a unit: quantities like 1.5 hours stay integers.
      quantity_milli bigint NOT NULL CHECK (quantity_milli > 0),
      unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
      amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
      PRIMARY KEY (tenant_id, order_id, line_no),
      FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
      FOREIGN KEY (tenant_id, product_id) REFERENCES products (tenant_id, id)
    );

    -- Payment plan (回款计划). Status (pending, partially paid, paid, due soon, overdue) is derived at read time
    -- from settled_minor and the dates; only void is stored, for instalments replaced by a re-plan.
    CREATE TABLE instalments (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      order_id uuid NOT NULL,
      seq smallint NOT NULL CHECK (seq >= 1),
      due_date date NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      -- Paid by allocated receipts or written off.
      settled_minor bigint NOT NULL DEFAULT 0 CHECK (settled_minor >= 0),
      voided_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
      CONSTRAINT instalments_not_oversettled CHECK (settled_minor <= amount_minor),
      CHECK (voided_at IS NULL OR settled_minor = 0)
    );
    CREATE INDEX instalments_order ON instalments (tenant_id, order_id, due_date);
    CREATE INDEX instalments_open_due ON instalments (tenant_id, due_date)
      WHERE voided_at IS NULL AND settled_minor < amount_minor;

    CREATE TABLE receipts (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      number text NOT NULL,
      customer_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('order_payment', 'prepayment')),
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      channel text NOT NULL CHECK (channel IN ('bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other')),
      received_date date NOT NULL,
      payer_name text NOT NULL DEFAULT '',
      payer_account text NOT NULL DEFAULT '',
      external_ref text NOT NULL DEFAULT '',
      remarks text NOT NULL DEFAULT '',
      attachments jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
      status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected', 'voided')),
      -- What the person entering it asked for; applied (and re-checked) when it is confirmed.
      requested_allocations jsonb NOT NULL DEFAULT '[]'::jsonb,
      auto_allocate boolean NOT NULL DEFAULT false,
      allocated_minor bigint NOT NULL DEFAULT 0 CHECK (allocated_minor >= 0),
      -- Held by refunds requested, approved or paid from this receipt; refunded_minor is the paid part.
      refund_held_minor bigint NOT NULL DEFAULT 0 CHECK (refund_held_minor >= 0),
      refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0 AND refunded_minor <= refund_held_minor),
      base_rate numeric(24, 10),
      base_amount_minor bigint,
      entry_id uuid,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_by uuid,
      confirmed_at timestamptz,
      rejected_by uuid,
      rejected_at timestamptz,
      voided_by uuid,
      voided_at timestamptz,
      status_reason text,
      void_entry_id uuid,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, void_entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, confirmed_by) REFERENCES users (tenant_id, id),
      -- A receipt never gives out more than it brought in; the rest is the customer's advance (预收).
      CONSTRAINT receipts_not_overdrawn CHECK (allocated_minor + refund_held_minor <= amount_minor)
    );
    CREATE INDEX receipts_customer ON receipts (tenant_id, customer_id, received_date);
    CREATE INDEX receipts_received ON receipts (tenant_id, received_date, id);
    CREATE INDEX receipts_pending ON receipts (tenant_id, created_at) WHERE status = 'pending';
    -- Confirmed receipts with an unapplied part: where the advance balance lives, drawn oldest first.
    CREATE INDEX receipts_unapplied ON receipts (tenant_id, customer_id, currency, received_date, id)
      WHERE status = 'confirmed' AND allocated_minor + refund_held_minor < amount_minor;

    -- Append-only. amount_minor is in the order's currency, receipt_amount_minor in the receipt's (they differ
    -- only across currencies, at rate). A negative row takes back (part of) an earlier allocation.
    CREATE TABLE allocations (
      tenant_id uuid NOT NULL,
      id uuid NOT NULL,
      receipt_id uuid NOT NULL,
      order_id uuid NOT NULL,
      instalment_id uuid,
      amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
      receipt_amount_minor bigint NOT NULL CHECK (sign(receipt_amount_minor) = sign(amount_minor)),
      rate numeric(24, 10),
      kind text NOT NULL CHECK (kind IN ('allocate', 'deallocate', 'void')),
      entry_id uuid NOT NULL,
      created_by uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, receipt_id) REFERENCES receipts (tenant_id, id),
      FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
      FOREIGN KEY (tenant_id, instalment_id) REFERENCES instalments (tenant_id, id),
      FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
    );
    CREATE INDEX allocations_receipt ON allocations (tenant_id, receipt_id);
    CREATE INDEX allocations_order ON allocations (tenant_id, order_id);

    CREATE TABLE refunds (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      number text NOT NULL,
      customer_id uuid NOT NULL,
      -- NULL: from the customer's advance balance (drawn from their receipts oldest first, see refund_sources).
      receipt_id uuid,
      currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reason_code text NOT NULL CHECK (reason_code IN ('duplicate_payment', 'overpayment', 'order_cancelled', 'goodwill', 'other')),
      reason_text text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'paid', 'rejected', 'cancelled')),
      approvals_needed smallint NOT NULL CHECK (approvals_needed IN (1, 2)),
      requested_by uuid,
      requested_at timestamptz NOT NULL DEFAULT now(),
      first_approved_by uuid,
      first_approved_at timestamptz,
      approved_by uuid,
      approved_at timestamptz,
      closed_by uuid,
      closed_at timestamptz,
      close_reason text,
      paid_channel text CHECK (paid_channel IN ('bank_transfer', 'cash', 'cheque', 'alipay', 'wechat_pay', 'stripe', 'other')),
      paid_external_ref text,
      paid_date date,
      approve_entry_id uuid,
      pay_entry_id uuid,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, receipt_id) REFERENCES receipts (tenant_id, id),
      FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, first_approved_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, approved_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, approve_entry_id) REFERENCES journal_entries (tenant_id, id),
      FOREIGN KEY (tenant_id, pay_entry_id) REFERENCES journal_entries (tenant_id, id),
      -- Maker-checker in the database too.
      CHECK ((first_approved_by IS NULL OR first_approved_by IS DISTINCT FROM requested_by)
        AND (approved_by IS NULL OR approved_by IS DISTINCT FROM requested_by)),
      CHECK (approved_by IS NULL OR first_approved_by IS NULL OR approved_by <> first_approved_by)
    );
    CREATE INDEX refunds_customer ON refunds (tenant_id, customer_id, requested_at);
    CREATE INDEX refunds_open ON refunds (tenant_id, requested_at) WHERE status IN ('requested', 'approved');

    -- Which receipts a refund holds money on, and how much.
    CREATE TABLE refund_sources (
      tenant_id uuid NOT NULL,
      refund_id uuid NOT NULL,
      receipt_id uuid NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      PRIMARY KEY (tenant_id, refund_id, receipt_id),
      FOREIGN KEY (tenant_id, refund_id) REFERENCES refunds (tenant_id, id),
      FOREIGN KEY (tenant_id, receipt_id) REFERENCES receipts (tenant_id, id)
    );
    CREATE INDEX refund_sources_receipt ON refund_sources (tenant_id, receipt_id);

    -- Credit notes (an order cancelled or reduced) and write-offs of small differences (核销), each approved.
    CREATE TABLE adjustments (
      tenant_id uuid NOT NULL REFERENCES tenants (id),
      id uuid NOT NULL,
      number text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('credit_note', 'write_off')),
      order_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      currency char(3) NOT NULL,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      reason_code text NOT NULL,
      reason_text text NOT NULL DEFAULT '',
      status text NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'cancelled')),
      requested_by uuid,
      requested_at timestamptz NOT NULL DEFAULT now(),
      approved_by uuid,
      approved_at timestamptz,
      closed_by uuid,
      closed_at timestamptz,
      close_reason text,
      entry_id uuid,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, number),
      FOREIGN KEY (tenant_id, order_id) REFERENCES orders (tenant_id, id),
      FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
      FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, approved_by) REFERENCES users (tenant_id, id),
      FOREIGN KEY (tenant_id, entry_id) REFERENCES journal_entries (tenant_id, id),
      CHECK (approved_by IS NULL OR approved_by IS DISTINCT FROM requested_by)
    );
    CREATE INDEX adjustments_order ON adjustments (tenant_id, order_id);

    CREATE FUNCTION kx_refuse_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'KX001', HINT = 'record a reversing row instead';
    END $$;
    CREATE TRIGGER allocations_append_only BEFORE UPDATE OR DELETE ON allocations
      FOR EACH ROW EXECUTE FUNCTION kx_refuse_row_change();
    CREATE TRIGGER allocations_no_truncate BEFORE TRUNCATE ON allocations
      FOR EACH STATEMENT EXECUTE FUNCTION kx_refuse_row_change();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('this migration cannot be reverted');
}
