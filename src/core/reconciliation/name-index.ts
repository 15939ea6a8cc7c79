/**
 * Finds the few customers whose names could be a payer's name without comparing the payer with every customer:
 * an inverted index from n-grams to customers. Han names are indexed by character bigrams, Latin names and the
 * pinyin of Han names by trigrams of their compact form, so "Zhang San" finds 张三 through "zha", "han", "ang" ….
 * Grams that a large share of customers have ("科技", "ing") are skipped at query time: they select nothing
 * and would make a query cost a scan of the customers; the share of grams a customer must have is then taken
 * over the grams read. A name made only of common grams finds customers by its exact form only.
 */
import type { NameProfile } from './names.js';

/** A gram found in more customers than this (and 0.5 % of them) is too common to select. */
const commonGramCustomersMin = 64;
const commonGramShare = 0.005;
/** Share of a payer's grams a customer must have to be compared in full. */
const gramShareMin = 0.5;

/**
 * Three gram spaces, so a query only counts what can meet: Han grams of Han names; trigrams of Latin names;
 * trigrams of the pinyin of Han names. A Han payer is looked up by its characters among Han names and by its
 * pinyin among Latin names (张三 paying as "Zhang San Ltd"), never by pinyin among Han names (homophones are
 * other people); a Latin payer by its trigrams among Latin names and among the pinyin of Han names.
 */
type Space = 'han' | 'latin' | 'pinyin';

export class NameIndex<T extends { index: number }> {
  private readonly postings: Record<Space, Map<string, T[]>> = { han: new Map(), latin: new Map(), pinyin: new Map() };
  private readonly exact = new Map<string, T[]>();
  /** Han names waiting for their pinyin grams: built on the first Latin payer (many statements have none). */
  private pinyinPending: [T, NameProfile][] | null = [];
  private size = 0;
  private counts = new Int32Array(0);

  add(value: T, profile: NameProfile): void {
    if (profile.han !== null) {
      this.post('han', profile.hanGrams, value);
      this.addExact(`h${profile.han}`, value);
      if (this.pinyinPending === null) this.addPinyin(value, profile);
      else this.pinyinPending.push([value, profile]);
    } else {
      this.post('latin', trigrams(profile.latin), value);
      this.addExact(`l${profile.latin}`, value);
      this.addExact(`s${profile.latinSorted}`, value);
    }
    if (value.index >= this.size) this.size = value.index + 1;
  }

  /**
   * Customers that may bear this name, at most `max`, most shared grams first: the caller compares them in
   * full. A Han name is looked up among Han names, a Latin name among Latin names and the pinyin of Han names.
   * Equality of the normalized (or pinyin) form always qualifies.
   */
  similar(profile: NameProfile, max: number): T[] {
    if (profile.han !== null) return this.lookup(profile, [`h${profile.han}`], [this.postings.han], profile.hanGrams, max);
    this.buildPinyin();
    return this.lookup(profile, [`l${profile.latin}`, `s${profile.latinSorted}`], [this.postings.latin, this.postings.pinyin], trigrams(profile.latin), max);
  }

  /** A Han name by its pinyin among Latin names (张三 paying as the customer "Zhang San Trading"). */
  similarByPinyin(profile: NameProfile, max: number): T[] {
    if (profile.han === null) return [];
    return this.lookup(profile, [`l${profile.latin}`, `s${profile.latinSorted}`], [this.postings.latin], trigrams(profile.latin), max);
  }

  private lookup(profile: NameProfile, forms: string[], spaces: Map<string, T[]>[], grams: ReadonlySet<string>, max: number): T[] {
    if (this.counts.length < this.size) this.counts = new Int32Array(this.size);
    const out = new Set<T>();
    for (const form of forms) for (const v of this.exact.get(form) ?? []) if (out.size < max) out.add(v);
    const hits = this.query(spaces, grams);
    hits.sort((a, b) => b.count - a.count || a.value.index - b.value.index);
    for (const hit of hits) {
      if (out.size >= max) break;
      out.add(hit.value);
    }
    return [...out];
  }

  private buildPinyin(): void {
    if (this.pinyinPending === null) return;
    const pending = this.pinyinPending;
    this.pinyinPending = null;
    for (const [value, profile] of pending) this.addPinyin(value, profile);
  }

  private addPinyin(value: T, profile: NameProfile): void {
    this.post('pinyin', trigrams(profile.latin), value);
    this.addExact(`l${profile.latin}`, value);
    this.addExact(`s${profile.latinSorted}`, value);
  }

  private addExact(form: string, value: T): void {
    const list = this.exact.get(form);
    if (list === undefined) this.exact.set(form, [value]);
    else if (!list.includes(value)) list.push(value);
  }

  private post(space: Space, grams: Iterable<string>, value: T): void {
    const postings = this.postings[space];
    for (const gram of grams) {
      const list = postings.get(gram);
      if (list === undefined) postings.set(gram, [value]);
      // A customer's several names share grams: list it once.
      else if (list[list.length - 1] !== value) list.push(value);
    }
  }

  /** Counts shared grams per customer; those reaching the share are returned once, with their count. */
  private query(spaces: Map<string, T[]>[], grams: ReadonlySet<string>): { value: T; count: number }[] {
    const hits: { value: T; count: number }[] = [];
    if (grams.size === 0) return hits;
    const common = Math.max(commonGramCustomersMin, Math.ceil(this.size * commonGramShare));
    // The share leaves out the grams too common to read (a customer has them or not, it says little); a gram
    // that no customer has still counts against everyone.
    const selective: T[][] = [];
    let skippedMin = grams.size;
    for (const postings of spaces) {
      let skipped = 0;
      for (const gram of grams) {
        const list = postings.get(gram);
        if (list === undefined) continue;
        if (list.length > common) skipped++;
        else selective.push(list);
      }
      skippedMin = Math.min(skippedMin, skipped);
    }
    const needed = Math.max(1, Math.ceil((grams.size - skippedMin) * gramShareMin));
    const touched: T[] = [];
    const counts = this.counts;
    for (const list of selective) {
      for (const v of list) {
        const count = (counts[v.index] = counts[v.index]! + 1);
        if (count === 1) touched.push(v);
      }
    }
    for (const v of touched) {
      const count = counts[v.index]!;
      if (count >= needed) hits.push({ value: v, count });
      counts[v.index] = 0;
    }
    return hits;
  }
}

function trigrams(latin: string): Set<string> {
  const chars = [...latin];
  const grams = new Set<string>();
  if (chars.length > 0 && chars.length < 3) grams.add(latin);
  for (let i = 0; i + 2 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return grams;
}
