/**
 * Our document numbers (OD-2026-000123, RC-2026-000045 …) as payers type them into remittance text: with spaces
 * or no dashes, in lower case, in full-width characters (ＯＤ－２０２６－０００１２３), with the leading zeros of
 * the sequence dropped (OD-2026-123). Every spelling reduces to one key, `OD|2026|123`, so a lookup is one Map get.
 */

const latinLetter = /[A-Za-zＡ-Ｚａ-ｚ]/;

/** Our own numbers: PREFIX-YYYY-SEQUENCE (src/app/numbers.ts). */
const ownNumber = /^([A-Z]{2,4})-(\d{4})-(\d{1,9})$/;

/** The lookup key of one of our numbers, or null when the string is not one of them. */
export function documentNumberKey(number: string): string | null {
  const m = ownNumber.exec(number.normalize('NFKC').trim().toUpperCase());
  return m === null ? null : `${m[1]}|${m[2]}|${Number(m[3])}`;
}

/**
 * Finds our numbers in free text. Built once for the prefixes that occur among the open items, so "RF" or "CN"
 * in a remittance text is not even looked at when no such document is open.
 */
export class DocumentNumberScanner {
  private readonly pattern: RegExp | null;

  constructor(prefixes: Iterable<string>) {
    const alternatives = [...new Set(prefixes)].filter((p) => /^[A-Z]{2,4}$/.test(p)).sort();
    // Not after a letter ("GOOD-2026-1" is not an order), up to three separators of any kind between the parts,
    // and the sequence must be the whole digit run (OD-2026-0001234567890 is no number of ours).
    this.pattern =
      alternatives.length === 0
        ? null
        : new RegExp(`(?<![A-Z])(${alternatives.join('|')})[\\s\\-_./#:·]{0,3}(\\d{4})[\\s\\-_./#:·]{0,3}(\\d{1,9})(?!\\d)`, 'g');
  }

  /** Keys of the numbers in `text`, in order of appearance, each once. */
  scan(text: string): string[] {
    // Most remittance texts hold no Latin letter at all (货款, 转账): no number of ours, and no need to normalize.
    if (this.pattern === null || !latinLetter.test(text)) return [];
    // NFKC turns full-width letters, digits and the full-width hyphen into ASCII; other dashes become '-'.
    const normalized = text.normalize('NFKC').toUpperCase().replace(/[‐‑‒–—―−]/g, '-');
    const keys: string[] = [];
    for (const m of normalized.matchAll(this.pattern)) {
      const key = `${m[1]}|${m[2]}|${Number(m[3])}`;
      if (!keys.includes(key)) keys.push(key);
    }
    return keys;
  }
}

/**
 * A bank or gateway reference as compared for equality (receipt external_ref ↔ line bankRef/endToEndRef):
 * NFKC, upper case, without spaces. '' when too short to mean anything (a reference of 1–3 characters would
 * equal half the statement).
 */
export function normalizeReference(raw: string): string {
  const norm = raw.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
  return norm.length >= 4 ? norm : '';
}

/** Words of a free text that could be a bank reference: split on spaces and common delimiters, normalized. */
export function referenceTokens(text: string, tokensMax: number): string[] {
  const out: string[] = [];
  if (text.length < 4) return out;
  for (const piece of text.normalize('NFKC').split(/[\s,;|/()[\]{}<>"'，；：（）【】]+/)) {
    const token = normalizeReference(piece.replace(/^[:#.]+|[:#.]+$/g, ''));
    if (token !== '' && !out.includes(token)) out.push(token);
    if (out.length >= tokensMax) break;
  }
  return out;
}
