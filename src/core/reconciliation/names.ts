/**
 * Payer names and accounts as the matcher and the payer-alias table see them.
 *
 * `aliasKey` is THE key of payer_aliases: every writer (statement matches confirmed by finance, gateway events
 * assigned by hand) and every reader (the statement matcher, gateway-event matching) must build it with this
 * function, or learned aliases silently stop being found.
 *
 * Name similarity is for ranking only; it never decides alone (see scoring.ts): two customers may share a name.
 */
import { pinyin } from 'pinyin-pro';

/** Characters of a normalized name or account kept in an alias key (the column allows 400 in all). */
const aliasPartCharsMax = 190;

/**
 * Legal-form suffixes that say nothing about who pays: "北京华信科技有限公司" and "北京华信科技" are the same payer,
 * as are "Acme Trading Co., Ltd." and "ACME TRADING". Longest first, so 股份有限公司 is not cut as 有限公司 + 股份.
 */
const hanSuffixes = ['股份有限公司', '有限责任公司', '集团有限公司', '有限公司', '分公司', '公司', '商行', '工作室'];
const latinSuffixWords = new Set([
  'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'corp', 'corporation', 'gmbh', 'llc', 'llp', 'plc', 'ag',
  'bv', 'nv', 'sa', 'sarl', 'srl', 'spa', 'pte', 'pty', 'kk', 'oy', 'ab',
]);

// Han ideographs (CJK unified + extension A + compatibility); names here are written in them or in Latin.
const hanPattern = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const hanRun = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g;
// Everything that is not a letter or a digit in any script separates words (punctuation, spaces, symbols).
const separators = /[^\p{L}\p{N}]+/gu;

/**
 * Words of a payer name: NFKC (full-width letters and digits become ASCII), lower case, punctuation and spaces
 * as separators, legal-form suffixes dropped from the end. Han text stays one word per run.
 * "ＡＣＭＥ Trading Co., Ltd." → ["acme", "trading"]; "北京华信科技有限公司" → ["北京华信科技"].
 */
export function nameWords(raw: string): string[] {
  const words = raw.normalize('NFKC').toLowerCase().split(separators).filter((w) => w !== '');
  // Strip from the end only: "Co" inside "Co Op Bakery" is part of the name.
  while (words.length > 1 && latinSuffixWords.has(words[words.length - 1]!)) words.pop();
  const last = words.length - 1;
  if (last >= 0) {
    let word = words[last]!;
    for (let cut = true; cut; ) {
      cut = false;
      for (const suffix of hanSuffixes) {
        if (word.length > suffix.length && word.endsWith(suffix)) {
          word = word.slice(0, -suffix.length);
          cut = true;
          break;
        }
      }
    }
    words[last] = word;
  }
  return words;
}

/** The name as one comparable string: `nameWords` joined without spaces. '' for a name of punctuation only. */
export function normalizeName(raw: string): string {
  return nameWords(raw).join('');
}

/**
 * A payer account as one comparable string: NFKC, upper case, without spaces and dashes (IBANs and Chinese
 * card numbers are printed in groups). Masked app accounts ("abc***@163.com") keep their other characters.
 */
export function normalizeAccount(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-‐‑‒–—]+/g, '');
}

/**
 * The payer_aliases key of a payer: `a:<account>` when the account is known (an account identifies a payer
 * better than a name: people share names, accounts are not shared), else `n:<name>`; null when neither says
 * anything (such a payer cannot be learned). Both parts normalized as above, so spacing, case, full-width
 * characters and legal-form suffixes do not make a new alias. The matcher looks up BOTH the account key and the
 * name-only key `aliasKey(name, '')`, so a confirmation may store both rows to recognise the payer from another
 * account too.
 */
export function aliasKey(name: string, account: string): string | null {
  return aliasKeyOfNormalized(normalizeName(name), normalizeAccount(account));
}

/** `aliasKey` of a name and an account already normalized (normalizeName, normalizeAccount). */
export function aliasKeyOfNormalized(name: string, account: string): string | null {
  if (account !== '') return `a:${account.slice(0, aliasPartCharsMax)}`;
  return name === '' ? null : `n:${name.slice(0, aliasPartCharsMax)}`;
}

/**
 * A name prepared once for fuzzy comparison. `han` is the Han text (null when the name has none); the Latin
 * form is the name itself when it is written in Latin, its toneless pinyin when it is Chinese, so "Zhang San"
 * and 张三 meet as "zhangsan"; `latinSorted` is its words sorted, for "San Zhang" ↔ "Zhang San". The pinyin of a
 * Chinese name is worked out on first use only: two Chinese names compare by their characters, and most
 * payers on a Chinese statement are Chinese names, so most never need it.
 */
export class NameProfile {
  readonly han: string | null;
  readonly hanGrams: ReadonlySet<string>;
  private readonly words: readonly string[];
  private latinForms: { latin: string; latinSorted: string; latinGrams: ReadonlySet<string>; latinSortedGrams: ReadonlySet<string> } | null = null;

  constructor(words: readonly string[]) {
    const compact = words.join('');
    this.words = words;
    this.han = hanPattern.test(compact) ? compact : null;
    this.hanGrams = this.han === null ? emptyGrams : bigrams(this.han);
  }

  get latin(): string {
    return this.latinForm().latin;
  }
  get latinSorted(): string {
    return this.latinForm().latinSorted;
  }
  get latinGrams(): ReadonlySet<string> {
    return this.latinForm().latinGrams;
  }
  get latinSortedGrams(): ReadonlySet<string> {
    return this.latinForm().latinSortedGrams;
  }

  private latinForm() {
    if (this.latinForms === null) {
      const latinWords = this.han === null ? this.words : this.words.flatMap(pinyinWords);
      const latin = latinWords.join('');
      const latinSorted = [...latinWords].sort().join('');
      const latinGrams = bigrams(latin);
      this.latinForms = { latin, latinSorted, latinGrams, latinSortedGrams: latinSorted === latin ? latinGrams : bigrams(latinSorted) };
    }
    return this.latinForms;
  }
}

const emptyGrams: ReadonlySet<string> = new Set();

export function nameProfile(raw: string): NameProfile {
  return new NameProfile(nameWords(raw));
}

/** Toneless pinyin syllables of the Han runs of a word; other characters stay as they are. */
function pinyinWords(word: string): string[] {
  if (!hanPattern.test(word)) return [word];
  const out: string[] = [];
  let at = 0;
  for (const run of word.matchAll(hanRun)) {
    if (run.index > at) out.push(word.slice(at, run.index));
    for (const syllable of pinyin(run[0], { toneType: 'none', type: 'array' })) out.push(syllable.toLowerCase().replace(/ü/g, 'v'));
    at = run.index + run[0].length;
  }
  if (at < word.length) out.push(word.slice(at));
  return out;
}

/** Character bigrams (by code point); a one-character string is its own gram so 王 still compares. */
export function bigrams(s: string): Set<string> {
  const chars = [...s];
  const out = new Set<string>();
  if (chars.length === 1) out.add(chars[0]!);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/** Sørensen–Dice coefficient of two gram sets: 2|A∩B| / (|A|+|B|), 0 when either is empty. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const g of small) if (large.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/**
 * Similarity 0–1 of two prepared names. Two Chinese names compare by their characters (pinyin would make
 * homophones such as 张/章 equal, and they are different people); otherwise by the Latin forms, in written
 * and in sorted word order, whichever is closer.
 */
export function nameSimilarity(a: NameProfile, b: NameProfile): number {
  if (a.han !== null && b.han !== null) return a.han === b.han ? 1 : dice(a.hanGrams, b.hanGrams);
  if (a.latin === '' || b.latin === '') return 0;
  if (a.latin === b.latin || a.latinSorted === b.latinSorted) return 1;
  return Math.max(dice(a.latinGrams, b.latinGrams), dice(a.latinSortedGrams, b.latinSortedGrams));
}
