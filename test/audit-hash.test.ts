import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, genesisHash, verifyChain, type AuditContent, type StoredAuditRecord } from '../src/core/audit/chain.js';

const base: AuditContent = {
  seq: 1n,
  id: '0190a6a0-0000-7000-8000-000000000001',
  occurredAt: new Date('2026-11-26T08:00:00.123Z'),
  actorKind: 'user',
  actorId: '0190a6a0-0000-7000-8000-0000000000aa',
  actorLabel: 'zhang.san',
  ip: '10.0.0.7',
  userAgent: 'Mozilla/5.0',
  action: 'customer.updated',
  entityType: 'customer',
  entityId: '0190a6a0-0000-7000-8000-0000000000cc',
  before: { name: '华东贸易', phone: '13812345678', tags: ['a', 'b'] },
  after: { name: '华东贸易有限公司', phone: '13812345678', tags: ['a', 'b'] },
  reason: 'renamed on request',
};

/** Builds a well-formed chain of `n` records in memory. */
function chainOf(n: number): StoredAuditRecord[] {
  const records: StoredAuditRecord[] = [];
  let prevHash = genesisHash;
  for (let i = 1; i <= n; i++) {
    const content = { ...base, seq: BigInt(i), id: `0190a6a0-0000-7000-8000-${String(i).padStart(12, '0')}`, after: { n: i } };
    const hash = auditHash(prevHash, content);
    records.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return records;
}

const headOf = (records: StoredAuditRecord[]) => ({ seq: records.at(-1)!.seq, hash: records.at(-1)!.hash });

describe('canonicalJson', () => {
  it('does not depend on the order of object keys, at any depth', () => {
    const a = { b: 1, a: { d: [1, { y: 'y', x: 'x' }], c: null } };
    const b = { a: { c: null, d: [1, { x: 'x', y: 'y' }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":null,"d":[1,{"x":"x","y":"y"}]},"b":1}');
  });

  it('keeps the order of arrays and tells values apart by type', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
  });

  it('refuses numbers that would not survive jsonb and JavaScript exactly', () => {
    expect(() => canonicalJson({ amount: 12.5 })).toThrow(/safe integers/);
    expect(() => canonicalJson(2 ** 60)).toThrow(/safe integers/);
  });
});

describe('auditHash', () => {
  it('is the same for the same content whatever the key order of before/after', () => {
    const reordered = { ...base, after: { tags: ['a', 'b'], phone: '13812345678', name: '华东贸易有限公司' } };
    expect(auditHash(genesisHash, reordered)).toBe(auditHash(genesisHash, base));
  });

  // Every field of a record, each changed in the smallest way: the hash must change every time.
  const changes: [field: keyof AuditContent, changed: AuditContent[keyof AuditContent]][] = [
    ['seq', 2n],
    ['id', '0190a6a0-0000-7000-8000-000000000002'],
    ['occurredAt', new Date('2026-11-26T08:00:00.124Z')],
    ['actorKind', 'api_key'],
    ['actorId', null],
    ['actorLabel', 'zhang.sam'],
    ['ip', '10.0.0.8'],
    ['userAgent', null],
    ['action', 'customer.created'],
    ['entityType', 'customers'],
    ['entityId', '0190a6a0-0000-7000-8000-0000000000cd'],
    ['before', null],
    ['after', { name: '华东贸易有限公司', phone: '13812345679', tags: ['a', 'b'] }],
    ['reason', 'renamed on request.'],
  ];
  it.each(changes)('changes when %s changes', (field, changed) => {
    expect(auditHash(genesisHash, { ...base, [field]: changed })).not.toBe(auditHash(genesisHash, base));
  });

  it('changes with the previous hash, which is what chains the records', () => {
    expect(auditHash('1'.repeat(64), base)).not.toBe(auditHash(genesisHash, base));
  });

  it('does not let two fields trade characters (the fields are delimited, not concatenated)', () => {
    const a = { ...base, action: 'ab', entityType: 'c' };
    const b = { ...base, action: 'a', entityType: 'bc' };
    expect(auditHash(genesisHash, a)).not.toBe(auditHash(genesisHash, b));
  });
});

describe('verifyChain (in memory)', () => {
  it('accepts an intact chain', () => {
    const records = chainOf(5);
    expect(verifyChain(records, headOf(records))).toEqual([]);
    expect(verifyChain([], { seq: 0n, hash: genesisHash })).toEqual([]);
  });

  it('names an altered record and only that one', () => {
    const records = chainOf(5);
    records[2] = { ...records[2]!, actorLabel: 'someone.else' };
    expect(verifyChain(records, headOf(records)).map((p) => [p.seq, p.id, p.problem])).toEqual([[3n, records[2]!.id, 'altered']]);
  });

  it('names a gap', () => {
    const records = chainOf(5);
    const head = headOf(records);
    records.splice(1, 2);
    expect(verifyChain(records, head).map((p) => [p.seq, p.problem, p.message])).toEqual([[2n, 'missing', 'audit record 2–3 is missing (the next present is 4)']]);
  });

  it('notices a record re-hashed to look consistent but linked to the wrong predecessor', () => {
    const records = chainOf(4);
    const forged = { ...records[2]!, after: { n: 99 }, prevHash: genesisHash };
    forged.hash = auditHash(forged.prevHash, forged);
    records[2] = forged;
    const problems = verifyChain(records, headOf(chainOf(4)));
    expect(problems.map((p) => [p.seq, p.problem])).toContainEqual([3n, 'broken_link']);
  });

  it('notices records removed from the end through the head', () => {
    const records = chainOf(5);
    const head = headOf(records);
    expect(verifyChain(records.slice(0, 4), head).map((p) => [p.seq, p.problem])).toEqual([[5n, 'head_mismatch']]);
  });
});
