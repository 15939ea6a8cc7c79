/**
 * Finds the few customers whose names could be a payer's name without comparing the payer with every customer:
 * an inverted index from n-grams to customers. Han names are indexed by character bigrams, Latin names and the
 * pinyin of Han names by trigrams of their compact form, so "Zhang San" finds 张三 through "zha", "han", "ang" ….
 * Grams that a large share of customers have ("科技", "ing") are skipped at query time: they select nothing
 * and would make a query cost a scan of the customers.
 */
import type { NameProfile } from './names.js';

/** A gram found in more customers than this (and 2% of them) is too common to select. */
const commonGramCustomersMin = 200;
/** Share of a payer's grams a customer must have to be compared in full. */
const gramShareMin = 0.3;

export class NameIndex<T extends { index: number }> {
  private readonly postings = new Map<string, T[]>();
  private readonly exact = new Map<string, T[]>();
  private size = 0;
  private counts = new Int32Array(0);
  private byIndex: T[] = [];

  add(value: T, profile: NameProfile): void {
    for (const gram of gramsOf(profile)) {
      const list = this.postings.get(gram);
      if (list === undefined) this.postings.set(gram, [value]);
      // A customer's several names share grams: list it once.
      else if (list[list.length - 1] !== value) list.push(value);
    }
    for (const form of exactForms(profile)) {
      const list = this.exact.get(form);
      if (list === undefined) this.exact.set(form, [value]);
      else if (!list.includes(value)) list.push(value);
    }
    if (value.index >= this.size) this.size = value.index + 1;
  }

  /**
   * Customers that may bear this name, most shared grams first, at most `max`: the caller compares them in
   * full. Exact equality of the normalized (or pinyin) form always qualifies.
   */
  similar(profile: NameProfile, max: number): T[] {
    if (this.counts.length < this.size) {
      this.counts = new Int32Array(this.size);
      this.byIndex = new Array<T>(this.size);
    }
    const out = new Set<T>();
    for (const form of exactForms(profile)) for (const v of this.exact.get(form) ?? []) out.add(v);
    const common = Math.max(commonGramCustomersMin, Math.ceil(this.size * 0.02));
    const touched: number[] = [];
    let used = 0;
    for (const gram of gramsOf(profile)) {
      const list = this.postings.get(gram);
      if (list === undefined) {
        used++;
        continue;
      }
      if (list.length > common) continue;
      used++;
      for (const v of list) {
        if ((this.counts[v.index] = this.counts[v.index]! + 1) === 1) {
          touched.push(v.index);
          this.byIndex[v.index] = v;
        }
      }
    }
    const needed = Math.max(1, Math.ceil(used * gramShareMin));
    const hits = touched
      .filter((i) => this.counts[i]! >= needed)
      .sort((a, b) => this.counts[b]! - this.counts[a]! || a - b)
      .slice(0, max);
    for (const i of hits) out.add(this.byIndex[i]!);
    for (const i of touched) this.counts[i] = 0;
    return [...out].slice(0, max);
  }
}

function gramsOf(profile: NameProfile): Set<string> {
  const grams = new Set<string>();
  for (const g of profile.hanGrams) grams.add(`h${g}`);
  const latin = [...profile.latin];
  if (latin.length > 0 && latin.length < 3) grams.add(`l${profile.latin}`);
  for (let i = 0; i + 2 < latin.length; i++) grams.add(`l${latin[i]}${latin[i + 1]}${latin[i + 2]}`);
  return grams;
}

function exactForms(profile: NameProfile): string[] {
  const forms: string[] = [];
  if (profile.han !== null) forms.push(`h${profile.han}`);
  if (profile.latin !== '') forms.push(`l${profile.latin}`, `s${profile.latinSorted}`);
  return forms;
}
