import { sql, type Kysely } from 'kysely';

/**
 * Audit appends in one statement (docs/performance.md, "Receipts through HTTP"). FROZEN once landed.
 *
 * kx_append_audit locks the tenant's chain head, chains the records to it and writes them and the new head:
 * what src/app/audit.ts did in two round trips (lock and read the head; insert the records and update the
 * head), with the head locked over both and over the commit. Every audited change of a tenant queues on that
 * row, so the time it is held bounds the tenant's rate of audited changes; now it is held for the rest of
 * one statement and the commit.
 *
 * The hash format stays where it is defined (src/core/audit/chain.ts): the application sends each record's
 * canonical text without its seq (auditHashTail), and the function finishes it exactly as auditHashOfTail
 * does — sha256(prev_hash || '\n' || '["' || seq || '",' || tail), in hex. The chain tests check what this
 * function writes with the application's own verifier.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION kx_append_audit(
      p_tenant_id uuid, p_actor_kind text, p_actor_id uuid, p_actor_label text, p_ip text, p_user_agent text,
      p_ids uuid[], p_occurred_at timestamptz[], p_actions text[], p_entity_types text[], p_entity_ids text[],
      p_befores jsonb[], p_afters jsonb[], p_reasons text[], p_tails text[]
    ) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      v_seq bigint;
      v_hash text;
      v_prev text;
    BEGIN
      SELECT h.seq, h.hash INTO v_seq, v_hash FROM audit_heads h WHERE h.tenant_id = p_tenant_id FOR UPDATE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'tenant % has no audit chain head', p_tenant_id;
      END IF;
      FOR i IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
        v_seq := v_seq + 1;
        v_prev := v_hash;
        v_hash := encode(sha256(convert_to(v_prev || E'\\n' || '["' || v_seq::text || '",' || p_tails[i], 'UTF8')), 'hex');
        INSERT INTO audit_log (tenant_id, seq, id, occurred_at, actor_kind, actor_id, actor_label, ip, user_agent,
                               action, entity_type, entity_id, before, after, reason, prev_hash, hash)
        VALUES (p_tenant_id, v_seq, p_ids[i], p_occurred_at[i], p_actor_kind, p_actor_id, p_actor_label, p_ip, p_user_agent,
                p_actions[i], p_entity_types[i], p_entity_ids[i], p_befores[i], p_afters[i], p_reasons[i], v_prev, v_hash);
      END LOOP;
      UPDATE audit_heads SET seq = v_seq, hash = v_hash WHERE tenant_id = p_tenant_id;
      RETURN v_seq;
    END
    $$;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION kx_append_audit(uuid, text, uuid, text, text, text, uuid[], timestamptz[], text[], text[], text[], jsonb[], jsonb[], text[], text[])`.execute(db);
}
