import { createHash } from 'node:crypto';

/**
 * The audit trail is a hash chain per tenant: each record's hash covers its own content and the previous
 * record's hash, so changing, removing, inserting or reordering any record breaks every hash after it — and
 * verification can name the first record where the chain stops holding.
 */
export const genesisHash = '0'.repeat(64);

export type AuditValue = string | number | boolean | null | AuditValue[] | { [key: string]: AuditValue };

export interface AuditContent {
  seq: bigint;
  id: string;
  occurredAt: Date;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: AuditValue | null;
  after: AuditValue | null;
  reason: string | null;
}

/**
 * JSON with object keys sorted at every depth. The database stores before/after as jsonb, which keeps its
 * own key order; sorting makes the hashed text independent of how the value was stored and read back.
 */
export function canonicalJson(value: AuditValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isSafeInteger(value)) {
    // Only integers round-trip through jsonb and JavaScript exactly; money goes in as decimal strings.
    throw new Error(`audit values must be safe integers, not ${value}`);
  }
  return JSON.stringify(value);
}

export function auditHash(prevHash: string, content: AuditContent): string {
  return auditHashOfTail(prevHash, content.seq, auditHashTail(content));
}

/**
 * The hashed text of a record is the canonical JSON array of its fields, seq first. Everything after seq is
 * known before the record's place in the chain is: this "tail" is computed here, and the database's
 * kx_append_audit (migration 2026-11-27T0100-receipt-speed) finishes the hash under the chain head's lock
 * exactly as auditHashOfTail does. The chain tests verify what that function wrote with ChainVerifier,
 * which uses auditHash: the two stay one format or those tests fail.
 */
export function auditHashTail(content: Omit<AuditContent, 'seq'>): string {
  const rest = canonicalJson([
    content.id,
    content.occurredAt.toISOString(),
    content.actorKind,
    content.actorId,
    content.actorLabel,
    content.ip,
    content.userAgent,
    content.action,
    content.entityType,
    content.entityId,
    content.before,
    content.after,
    content.reason,
  ]);
  // '[a,b,…]' → 'a,b,…]': the array without its opening bracket, to follow '["<seq>",'.
  return rest.slice(1);
}

/** sha256 of the previous hash, a newline, and canonicalJson([seq, …tail]), in hex. */
export function auditHashOfTail(prevHash: string, seq: bigint, tail: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(`[${JSON.stringify(seq.toString())},${tail}`).digest('hex');
}

export interface ChainProblem {
  seq: bigint;
  id: string | null;
  problem: 'altered' | 'missing' | 'broken_link' | 'head_mismatch';
  message: string;
}

export type StoredAuditRecord = AuditContent & { prevHash: string; hash: string };

/** Problems kept per verification; past that the trail is plainly broken and the first ones matter. */
const problemsMax = 100;

/**
 * Walks records in seq order from the genesis, one at a time (so a chain of any length needs no memory),
 * and notes every place the chain does not hold. A record whose content no longer matches its hash is
 * `altered`; a gap in seq is `missing`; a record whose prev_hash is not its predecessor's hash (inserted
 * or reordered records) is `broken_link`.
 */
export class ChainVerifier {
  readonly problems: ChainProblem[] = [];
  private expectedSeq = 1n;
  private prevHash = genesisHash;
  private last = { seq: 0n, hash: genesisHash };

  push(record: StoredAuditRecord): void {
    if (record.seq !== this.expectedSeq) {
      const through = record.seq - 1n > this.expectedSeq ? `–${record.seq - 1n}` : '';
      this.note({ seq: this.expectedSeq, id: null, problem: 'missing', message: `audit record ${this.expectedSeq}${through} is missing (the next present is ${record.seq})` });
    } else if (record.prevHash !== this.prevHash) {
      this.note({ seq: record.seq, id: record.id, problem: 'broken_link', message: `audit record ${record.seq} (${record.id}) does not follow its predecessor: records were inserted, removed or reordered here` });
    }
    if (auditHash(record.prevHash, record) !== record.hash) {
      this.note({ seq: record.seq, id: record.id, problem: 'altered', message: `audit record ${record.seq} (${record.id}) was changed after it was written` });
    }
    this.prevHash = record.hash;
    this.expectedSeq = record.seq + 1n;
    this.last = { seq: record.seq, hash: record.hash };
  }

  finish(head: { seq: bigint; hash: string } | undefined): ChainProblem[] {
    if (head && (head.seq !== this.last.seq || head.hash !== this.last.hash)) {
      this.note({ seq: head.seq, id: null, problem: 'head_mismatch', message: `the chain head says record ${head.seq} is the last, but the trail ends at ${this.last.seq}: records at the end were removed or the head was changed` });
    }
    return this.problems;
  }

  private note(problem: ChainProblem): void {
    if (this.problems.length < problemsMax) this.problems.push(problem);
  }
}

export function verifyChain(records: Iterable<StoredAuditRecord>, head: { seq: bigint; hash: string } | undefined): ChainProblem[] {
  const verifier = new ChainVerifier();
  for (const record of records) verifier.push(record);
  return verifier.finish(head);
}
