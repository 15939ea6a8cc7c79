/**
 * Auto-matching of money-in statement lines to what the books expect (issue 6 §4). Pure: data in, suggestions
 * out. The app layer loads the open items and payer aliases of ONE tenant, calls `suggestMatches` (or
 * `prepareMatcher(...).suggest(lines)` per batch of lines, to build the indexes once), stores the suggestions and
 * applies the ones finance accepts.
 *
 * How candidates are found — never by comparing every line with every item:
 *   - reference: our numbers in the line text (references.ts) → a Map from number to order/receipt; the line's
 *     bank/end-to-end reference → a Map from external reference to receipt;
 *   - amount: a Map from (currency, amount) to items sorted by date; a binary search gives those in the window;
 *   - payer: learned alias (Map by aliasKey), payer account (Map from accounts on receipts to customers), name
 *     (an n-gram index over customer names and receipt payer names, names.ts), giving a few customers whose own
 *     items are then searched: exact amount at any date, sums of up to 5 of their items (sums.ts), or a partial
 *     payment of their oldest instalments;
 *   - several lines = one item: lines grouped by payer (or by the item they name), a bounded sum search per
 *     item of that payer's customers.
 * Scores and signals: scoring.ts. Results are deterministic: same input, same output, ties broken by ids.
 */
import { KxError } from '../errors.js';
import { limits } from '../limits.js';
import { formatAmount } from '../money/format.js';
import { aliasKeyOfNormalized, NameProfile, nameProfile, nameSimilarity, nameWords, normalizeAccount, normalizeName } from './names.js';
import { NameIndex } from './name-index.js';
import { DocumentNumberScanner, documentNumberKey, normalizeReference, referenceTokens } from './references.js';
import { amountExactWeight, dateWeight, payerNameWeight, weights } from './scoring.js';
import { findExactSums } from './sums.js';
import type { LineToMatch, MatchSignal, MatchSuggestion, OpenInstalment, OpenItem, OpenReceipt, PayerAlias } from './types.js';

export interface MatchOptions {
  /** Days before/after an item's due date (instalment) or date (receipt) in which an amount-only match is proposed. */
  dateWindowDays: number;
  /** Suggestions scoring below this (0–100) are dropped. */
  minScore: number;
  /** Best suggestions kept per line, highest score first. */
  maxSuggestionsPerLine: number;
  /** Name similarity (0–1) from which a payer name counts as the customer's. */
  nameSimilarityMin: number;
}

export const defaultMatchOptions: MatchOptions = { dateWindowDays: 30, minScore: 20, maxSuggestionsPerLine: 3, nameSimilarityMin: 0.75 };

/**
 * Suggestions per line id (lines without any are absent), best first; a suggestion covering several lines
 * (several payments = one receipt) appears under each of its lines with the same content.
 */
export function suggestMatches(
  lines: readonly LineToMatch[],
  items: readonly OpenItem[],
  aliases: readonly PayerAlias[],
  options: Partial<MatchOptions> = {},
): Map<string, MatchSuggestion[]> {
  return prepareMatcher(items, aliases, options).suggest(lines);
}

/**
 * The indexes over the open items, built once; `suggest` may then be called for several batches of lines
 * (sums of several lines are only found within one batch).
 */
export function prepareMatcher(items: readonly OpenItem[], aliases: readonly PayerAlias[], options: Partial<MatchOptions> = {}): Matcher {
  return new Matcher(items, aliases, checkOptions({ ...defaultMatchOptions, ...options }));
}

function checkOptions(o: MatchOptions): MatchOptions {
  const bad: string[] = [];
  if (!Number.isInteger(o.dateWindowDays) || o.dateWindowDays < 0 || o.dateWindowDays > limits.matchDateWindowDaysMax) bad.push(`dateWindowDays must be a whole number 0–${limits.matchDateWindowDaysMax}`);
  if (!Number.isFinite(o.minScore) || o.minScore < 0 || o.minScore > 100) bad.push('minScore must be 0–100');
  if (!Number.isInteger(o.maxSuggestionsPerLine) || o.maxSuggestionsPerLine < 1 || o.maxSuggestionsPerLine > limits.matchSuggestionsPerLineMax) bad.push(`maxSuggestionsPerLine must be 1–${limits.matchSuggestionsPerLineMax}`);
  if (!Number.isFinite(o.nameSimilarityMin) || o.nameSimilarityMin <= 0 || o.nameSimilarityMin > 1) bad.push('nameSimilarityMin must be in (0, 1]');
  if (bad.length > 0) throw new KxError('validation_failed', `Matching options: ${bad.join('; ')}`, { details: { problems: bad } });
  return o;
}

type Item = MatchSuggestion['items'][number];

interface Customer {
  index: number;
  id: string;
  name: string;
  /** Names a payer is compared with: the customer's own and the payer names on its receipts. */
  names: { label: string; profile: NameProfile }[];
  /** Instalments, and orders with several open instalments, by date then id. */
  dues: Target[];
  /** All its open instalments, due date first (what a partial payment is applied to). */
  instalments: OpenInstalment[];
  receipts: Target[];
  /** Its items by amount (any currency: a customer rarely has two), built on first use. */
  byAmount: Map<bigint, Target[]> | null;
}

/** Something one line can be: a receipt, one instalment, or a whole order (all its open instalments). */
interface Target {
  kind: 'receipt' | 'instalment' | 'order';
  id: string;
  /** In words for the explanation: "order OD-2026-000123". */
  label: string;
  customer: Customer;
  currency: string;
  amountMinor: bigint;
  /** Receipt date, or (earliest open) due date, as a day number. */
  day: number;
  date: string;
  orderId: string | null;
  /** Open instalments, due date first (an instalment target: itself; a receipt: none). */
  instalments: OpenInstalment[];
  receipt: OpenReceipt | null;
  /** Set when the line text names this target: what was found. */
  numberKey: string | null;
}

/** What a line says about who paid, worked out once per distinct (name, account). */
interface Payer {
  name: string;
  account: string;
  profile: NameProfile | null;
  alias: Map<Customer, string>;
  /** Customers whose receipts were paid from this account, with the receipt that shows it. */
  accounts: Map<Customer, Target>;
  similarities: Map<Customer, { similarity: number; label: string }>;
  /** Customers whose open items are searched for this payer, strongest evidence first. */
  customers: Customer[];
  /** How several lines of the same payer are grouped. */
  groupKey: string | null;
}

interface LineState {
  line: LineToMatch;
  day: number;
  payer: Payer;
  referenced: Target[];
  /** Targets the line names, with how (null when it names none: most lines, so no Map for them). */
  refDetails: Map<Target, string> | null;
  /** An exact item of a named or paying customer was found: no sums of several lines with this one. */
  explained: boolean;
}

/** A signal whose words are only written for the suggestions that are kept (most candidates are dropped). */
interface PendingSignal {
  kind: string;
  weight: number;
  detail: () => string;
}

interface Candidate {
  lineIds: string[];
  customer: Customer;
  items: Item[];
  signals: PendingSignal[];
  score: number;
  key: string;
}

type AmountEvidence =
  | { kind: 'exact'; sharedBy: number }
  | { kind: 'sum_items' }
  | { kind: 'sum_lines' }
  | { kind: 'partial' };

const signalOrder = ['reference', 'amount_exact', 'amount_sum', 'amount_partial', 'payer_alias', 'payer_account', 'payer_name', 'date'];

/** Amount-only candidates are not proposed when more than this many open items in the window share the amount. */
const amountBucketScanMax = 20;
/** Distinct payer names whose lookups are kept (a payer repeats within a statement, not across the whole file). */
const payersCachedMax = 20_000;
/** Customers a payer's name leads to whose items are searched (beyond alias and account evidence). */
const nameCustomersSearchedMax = 3;

export class Matcher {
  private readonly options: MatchOptions;
  private readonly customers = new Map<string, Customer>();
  /** Currency → amount → items sorted by date. Keyed by the bigint itself: no string per lookup. */
  private readonly byAmount = new Map<string, Map<bigint, Target[]>>();
  private readonly byNumber = new Map<string, Target>();
  private readonly byExternalRef = new Map<string, Target[]>();
  private readonly byAccount = new Map<string, Map<Customer, Target>>();
  private readonly aliases = new Map<string, Customer>();
  private readonly instalments = new Map<string, Target>();
  private readonly scanner: DocumentNumberScanner;
  private readonly names: NameIndex<Customer>;
  /** Payers by raw name, then raw account: lines of one payer repeat, the work per payer is done once. */
  private readonly payers = new Map<string, Map<string, Payer>>();
  private readonly days = new Map<string, number>();

  constructor(items: readonly OpenItem[], aliases: readonly PayerAlias[], options: MatchOptions) {
    this.options = options;
    const prefixes = new Set<string>();
    const orders = new Map<string, OpenInstalment[]>();
    for (const item of items) {
      const customer = this.customer(item.customerId, item.customerName);
      if (item.kind === 'receipt') {
        if (item.amountMinor <= 0n) continue;
        const target = this.target('receipt', item.id, `receipt ${item.number}`, customer, item.currency, item.amountMinor, item.date, null, [], item);
        customer.receipts.push(target);
        this.indexNumber(item.number, target, prefixes);
        const ref = normalizeReference(item.externalRef);
        if (ref !== '') push(this.byExternalRef, ref, target);
        const account = normalizeAccount(item.payerAccount);
        if (account !== '') {
          let owners = this.byAccount.get(account);
          if (owners === undefined) this.byAccount.set(account, (owners = new Map()));
          if (!owners.has(customer)) owners.set(customer, target);
        }
        if (item.payerName.trim() !== '' && normalizeName(item.payerName) !== normalizeName(customer.name) && customer.names.length < 5) {
          customer.names.push({ label: `the payer name "${item.payerName}" on ${target.label}`, profile: nameProfile(item.payerName) });
        }
      } else {
        if (item.openMinor <= 0n) continue;
        push(orders, item.orderId, item);
      }
    }
    for (const instalments of orders.values()) this.addOrder(instalments, prefixes);
    for (const customer of this.customers.values()) {
      customer.dues.sort(byDayThenId);
      for (const due of customer.dues) if (due.kind === 'instalment') customer.instalments.push(due.instalments[0]!);
      customer.receipts.sort(byDayThenId);
    }
    for (const amounts of this.byAmount.values()) for (const bucket of amounts.values()) bucket.sort(byDayThenId);
    for (const alias of aliases) {
      const customer = this.customers.get(alias.customerId);
      // An alias of a customer with nothing open cannot lead to a suggestion here.
      if (customer !== undefined) this.aliases.set(alias.key, customer);
    }
    this.scanner = new DocumentNumberScanner(prefixes);
    this.names = new NameIndex<Customer>();
    for (const customer of this.customers.values()) for (const name of customer.names) this.names.add(customer, name.profile);
  }

  suggest(lines: readonly LineToMatch[]): Map<string, MatchSuggestion[]> {
    const perLine = new Map<string, Candidate[]>();
    const states: LineState[] = [];
    for (const line of lines) {
      if (line.amountMinor <= 0n) continue;
      const state = this.lineState(line);
      states.push(state);
      // Only the best few of a line are kept from here on (the top few of a union are the top few of the
      // parts' top few): holding every candidate of a large statement until the end made the heap, and the
      // garbage collector's work, several times larger.
      perLine.set(line.id, rank(this.candidatesForLine(state), this.options));
    }
    for (const candidate of this.multiLineCandidates(states)) {
      for (const lineId of candidate.lineIds) perLine.get(lineId)!.push(candidate);
    }
    const out = new Map<string, MatchSuggestion[]>();
    for (const [lineId, candidates] of perLine) {
      const best = rank(candidates, this.options);
      if (best.length > 0) out.set(lineId, best.map(toSuggestion));
    }
    return out;
  }

  // ---- building the indexes -------------------------------------------------------------------------------

  private customer(id: string, name: string): Customer {
    let customer = this.customers.get(id);
    if (customer === undefined) {
      customer = { index: this.customers.size, id, name, names: [{ label: `the customer name "${name}"`, profile: nameProfile(name) }], dues: [], instalments: [], receipts: [], byAmount: null };
      this.customers.set(id, customer);
    }
    return customer;
  }

  private target(
    kind: Target['kind'], id: string, label: string, customer: Customer, currency: string, amountMinor: bigint, date: string,
    orderId: string | null, instalments: OpenInstalment[], receipt: OpenReceipt | null,
  ): Target {
    const target: Target = { kind, id, label, customer, currency, amountMinor, day: this.day(date), date, orderId, instalments, receipt, numberKey: null };
    let amounts = this.byAmount.get(currency);
    if (amounts === undefined) this.byAmount.set(currency, (amounts = new Map()));
    push(amounts, amountMinor, target);
    return target;
  }

  /** An order's open instalments: one target each, plus the whole order when it has several. */
  private addOrder(instalments: OpenInstalment[], prefixes: Set<string>): void {
    instalments.sort((a, b) => compare(a.dueDate, b.dueDate) || compare(a.id, b.id));
    const first = instalments[0]!;
    const customer = this.customers.get(first.customerId)!;
    const targets = instalments.map((i) =>
      this.target('instalment', i.id, `the instalment of order ${i.orderNumber} due ${i.dueDate}`, customer, i.currency, i.openMinor, i.dueDate, i.orderId, [i], null),
    );
    customer.dues.push(...targets);
    for (const target of targets) this.instalments.set(target.id, target);
    const openSum = instalments.reduce((s, i) => s + i.openMinor, 0n);
    // The whole order is a target of its own only when the instalments given make up what it owes; otherwise
    // (the caller passed a part) paying "the order" could not be expressed as these items.
    if (instalments.length > 1 && openSum === first.orderOpenMinor) {
      const order = this.target('order', first.orderId, `order ${first.orderNumber} (${instalments.length} open instalments)`, customer, first.currency, openSum, first.dueDate, first.orderId, instalments, null);
      customer.dues.push(order);
      this.indexNumber(first.orderNumber, order, prefixes);
    } else {
      // The number of an order with one open instalment leads to that instalment.
      this.indexNumber(first.orderNumber, targets[0]!, prefixes);
    }
  }

  private indexNumber(number: string, target: Target, prefixes: Set<string>): void {
    const key = documentNumberKey(number);
    if (key === null) return;
    prefixes.add(key.slice(0, key.indexOf('|')));
    this.byNumber.set(key, target);
  }

  private day(date: string): number {
    let day = this.days.get(date);
    if (day === undefined) {
      const t = Date.parse(`${date}T00:00:00Z`);
      if (Number.isNaN(t)) throw new KxError('invalid_date', `Not a date: "${date}"`, { details: { date } });
      day = Math.round(t / 86_400_000);
      this.days.set(date, day);
    }
    return day;
  }

  // ---- one line ---------------------------------------------------------------------------------------------

  private lineState(line: LineToMatch): LineState {
    const state: LineState = { line, day: this.day(line.bookingDate), payer: this.payer(line), referenced: [], refDetails: null, explained: false };
    const text = line.text.slice(0, limits.matchTextCharsMax);
    for (const key of this.scanner.scan(text)) {
      const target = this.byNumber.get(key);
      if (target === undefined || target.currency !== line.currency) continue;
      const [prefix, year, seq] = key.split('|');
      const detail = `${target.kind === 'receipt' ? 'receipt' : 'order'} number ${prefix}-${year}-${seq!.padStart(6, '0')} in the line text`;
      addReference(state, target, detail);
      // Naming an order names each of its instalments: one of them may be what the line pays.
      if (target.kind === 'order') for (const i of target.instalments) state.refDetails!.set(this.instalments.get(i.id)!, detail);
    }
    const refs = [line.bankRef ?? '', line.endToEndRef ?? ''].map(normalizeReference).filter((r) => r !== '');
    const explicit = refs.length > 0;
    // Without separate reference fields, any word of the text may be the bank reference.
    const candidates = explicit ? refs : this.byExternalRef.size === 0 ? [] : referenceTokens(text, limits.matchTextTokensMax);
    for (const ref of candidates) {
      for (const target of this.byExternalRef.get(ref) ?? []) {
        if (target.currency !== line.currency) continue;
        addReference(state, target, `${explicit ? 'the line reference' : 'a reference in the line text'} ${ref} equals the external reference of ${target.label}`);
      }
    }
    return state;
  }

  private payer(line: LineToMatch): Payer {
    // Bounded: a statement of distinct payers would otherwise keep every one of them until the matcher goes.
    if (this.payers.size >= payersCachedMax) this.payers.clear();
    let byAccount = this.payers.get(line.counterpartyName);
    if (byAccount === undefined) this.payers.set(line.counterpartyName, (byAccount = new Map()));
    const cached = byAccount.get(line.counterpartyAccount);
    if (cached !== undefined) return cached;
    const account = normalizeAccount(line.counterpartyAccount);
    const words = nameWords(line.counterpartyName);
    const name = words.join('');
    const profile = name === '' ? null : new NameProfile(words);
    const payer: Payer = {
      name: line.counterpartyName, account, profile, alias: new Map(), accounts: this.byAccount.get(account) ?? new Map(),
      similarities: new Map(), customers: [], groupKey: aliasKeyOfNormalized(name, account),
    };
    if (this.aliases.size > 0) {
      for (const key of [aliasKeyOfNormalized(name, account), aliasKeyOfNormalized(name, '')]) {
        const customer = key === null ? undefined : this.aliases.get(key);
        if (customer !== undefined && !payer.alias.has(customer)) payer.alias.set(customer, key!);
      }
    }
    const searched = new Set<Customer>([...payer.alias.keys(), ...payer.accounts.keys()]);
    // A learned alias or a known account already says who pays; names are searched only when nothing did.
    if (profile !== null && searched.size === 0) {
      let similar = this.similarCustomers(payer, this.names.similar(profile, limits.matchNameCandidatesMax));
      // A Chinese payer of a customer named in Latin: only when no Chinese name was close (pinyin costs).
      if (similar.length === 0 && profile.han !== null) similar = this.similarCustomers(payer, this.names.similarByPinyin(profile, limits.matchNameCandidatesMax));
      for (const customer of similar.slice(0, nameCustomersSearchedMax)) searched.add(customer);
    }
    payer.customers = [...searched];
    byAccount.set(line.counterpartyAccount, payer);
    return payer;
  }

  /** Those of the customers whose name is close enough to the payer's, closest first. */
  private similarCustomers(payer: Payer, customers: readonly Customer[]): Customer[] {
    const close: { customer: Customer; similarity: number }[] = [];
    for (const customer of customers) {
      const { similarity } = this.similarity(payer, customer);
      if (similarity >= this.options.nameSimilarityMin) close.push({ customer, similarity });
    }
    close.sort((a, b) => b.similarity - a.similarity || compare(a.customer.id, b.customer.id));
    return close.map((c) => c.customer);
  }

  private similarity(payer: Payer, customer: Customer): { similarity: number; label: string } {
    let known = payer.similarities.get(customer);
    if (known === undefined) {
      known = { similarity: 0, label: '' };
      if (payer.profile !== null) {
        for (const name of customer.names) {
          const similarity = nameSimilarity(payer.profile, name.profile);
          if (similarity > known.similarity) known = { similarity, label: name.label };
        }
      }
      payer.similarities.set(customer, known);
    }
    return known;
  }

  private candidatesForLine(state: LineState): Candidate[] {
    const { line } = state;
    const found = new Map<string, Candidate>();
    const add = (c: Candidate | null) => {
      if (c === null) return;
      const before = found.get(c.key);
      if (before === undefined || c.score > before.score) found.set(c.key, c);
    };

    // Whole items the line names or whose customer the payer points at, with exactly the line's amount.
    for (const target of state.referenced) {
      if (target.amountMinor === line.amountMinor) add(this.candidate([state], [target], { kind: 'exact', sharedBy: 1 }));
    }
    const namedDues = state.referenced.filter((t) => t.kind !== 'receipt');
    if (namedDues.length >= 2) {
      for (const group of groupBy(namedDues, (t) => t.customer.id).values()) {
        if (group.length >= 2 && !overlaps(group) && group.reduce((s, t) => s + t.amountMinor, 0n) === line.amountMinor) add(this.candidate([state], group, { kind: 'sum_items' }));
      }
    }
    const customers = new Set<Customer>(state.payer.customers);
    for (const target of state.referenced) customers.add(target.customer);
    for (const customer of customers) {
      for (const target of this.customerByAmount(customer).get(line.amountMinor) ?? []) {
        if (target.currency === line.currency) add(this.candidate([state], [target], { kind: 'exact', sharedBy: 1 }));
      }
    }
    // Explained: the line is an item (or items) of the customer it names or that pays. Sums and partial
    // payments would only add weaker alternatives, and the lines are left out of several-lines sums.
    state.explained = found.size > 0;

    // The amount alone, within the window; an amount that too many items share is left to the payer evidence.
    // Not for a line that names what it pays with the right amount: other items of that amount only add noise.
    const bucket = state.explained && state.refDetails !== null ? undefined : this.byAmount.get(line.currency)?.get(line.amountMinor);
    if (bucket !== undefined) {
      const from = lowerBound(bucket, state.day - this.options.dateWindowDays);
      const to = lowerBound(bucket, state.day + this.options.dateWindowDays + 1);
      if (to - from <= amountBucketScanMax) {
        for (let i = from; i < to; i++) add(this.candidate([state], [bucket[i]!], { kind: 'exact', sharedBy: to - from }));
      }
    }
    if (state.explained) return [...found.values()];

    // Several items of one customer the line pays at once, else a part of (or more than) what is open.
    let summed = false;
    for (const customer of customers) {
      for (const sum of this.sumsOfDues(customer, line.currency, line.amountMinor, state.day)) {
        add(this.candidate([state], sum, { kind: 'sum_items' }));
        summed = true;
      }
    }
    if (!summed) {
      for (const target of state.referenced) if (target.kind !== 'receipt') add(this.partial(state, target.instalments, target.label));
      for (const customer of state.payer.customers) add(this.partial(state, customer.instalments, `the open instalments of ${customer.name}`));
    }
    return [...found.values()];
  }

  private customerByAmount(customer: Customer): Map<bigint, Target[]> {
    if (customer.byAmount === null) {
      const byAmount = new Map<bigint, Target[]>();
      for (const target of customer.dues) push(byAmount, target.amountMinor, target);
      for (const target of customer.receipts) push(byAmount, target.amountMinor, target);
      customer.byAmount = byAmount;
    }
    return customer.byAmount;
  }

  /** Up to 3 sets of 2–5 of the customer's instalments/orders summing to the amount, nearest due dates searched first. */
  private sumsOfDues(customer: Customer, currency: string, amountMinor: bigint, day: number): Target[][] {
    const pool = customer.dues
      .filter((t) => t.currency === currency && t.amountMinor < amountMinor)
      .sort((a, b) => Math.abs(a.day - day) - Math.abs(b.day - day) || compare(a.id, b.id))
      .slice(0, limits.matchSumCandidatesMax);
    return findExactSums({
      candidates: pool, amountOf: (t) => t.amountMinor, target: amountMinor, sizeMin: 2, sizeMax: limits.matchSumItemsMax,
      solutionsMax: 3, stepsMax: limits.matchSumSearchStepsMax,
      // An order together with one of its own instalments would pay that instalment twice.
      compatible: (chosen, next) => !chosen.some((c) => c.orderId === next.orderId && (c.kind === 'order' || next.kind === 'order')),
    });
  }

  /** The line applied oldest due first to these instalments: a part of what is open, or all of it and more. */
  private partial(state: LineState, instalments: readonly OpenInstalment[], label: string): Candidate | null {
    const items: Item[] = [];
    let left = state.line.amountMinor;
    let open = 0n;
    for (const instalment of instalments) {
      if (instalment.currency !== state.line.currency) continue;
      open += instalment.openMinor;
      if (left > 0n && items.length < limits.allocationsPerRequestMax) {
        const part = instalment.openMinor < left ? instalment.openMinor : left;
        items.push({ kind: 'instalment', id: instalment.id, amountMinor: part });
        left -= part;
      }
    }
    if (items.length === 0) return null;
    const targets = items.map((item) => this.instalments.get(item.id)!);
    const currency = state.line.currency;
    const paid = state.line.amountMinor;
    const detail = () =>
      paid < open
        ? `pays ${fmt(paid, currency)} of ${fmt(open, currency)} ${currency} open on ${label}`
        : `pays ${fmt(paid, currency)} ${currency} against ${fmt(open, currency)} open on ${label}; ${fmt(paid - open, currency)} would remain as an advance`;
    return this.candidate([state], targets, { kind: 'partial' }, { items, detail });
  }

  // ---- several lines = one item ------------------------------------------------------------------------------

  private *multiLineCandidates(states: readonly LineState[]): Generator<Candidate> {
    // Lines of one payer, and lines that name the same item, may together be one receipt or instalment.
    const groups = new Map<string, { states: LineState[]; targets: Target[] | null }>();
    for (const state of states) {
      if (state.explained) continue;
      const { groupKey } = state.payer;
      if (groupKey !== null && state.payer.customers.length > 0) {
        const key = `p\u0000${state.line.currency}\u0000${groupKey}`;
        const group = groups.get(key) ?? { states: [], targets: null };
        group.states.push(state);
        groups.set(key, group);
      }
      for (const target of state.referenced) {
        const key = `t\u0000${target.kind}\u0000${target.id}`;
        const group = groups.get(key) ?? { states: [], targets: [target] };
        group.states.push(state);
        groups.set(key, group);
      }
    }
    const seen = new Set<string>();
    for (const group of groups.values()) {
      if (group.states.length < 2) continue;
      const total = group.states.reduce((s, st) => s + st.line.amountMinor, 0n);
      const smallest = group.states.reduce((m, st) => (st.line.amountMinor < m ? st.line.amountMinor : m), total);
      const first = group.states[0]!;
      const targets = (group.targets ?? first.payer.customers.flatMap((c) => [...c.dues, ...c.receipts]))
        .filter((t) => t.currency === first.line.currency && t.amountMinor > smallest && t.amountMinor <= total)
        .sort((a, b) => Math.abs(a.day - first.day) - Math.abs(b.day - first.day) || compare(a.id, b.id))
        .slice(0, limits.matchSumCandidatesMax);
      for (const target of targets) {
        const pool = group.states
          .filter((st) => st.line.amountMinor < target.amountMinor && Math.abs(st.day - target.day) <= this.options.dateWindowDays)
          .sort((a, b) => Math.abs(a.day - target.day) - Math.abs(b.day - target.day) || compare(a.line.id, b.line.id))
          .slice(0, limits.matchSumCandidatesMax);
        const sums = findExactSums({
          candidates: pool, amountOf: (st) => st.line.amountMinor, target: target.amountMinor, sizeMin: 2,
          sizeMax: limits.matchSumLinesMax, solutionsMax: 2, stepsMax: limits.matchSumSearchStepsMax,
        });
        for (const sum of sums) {
          const candidate = this.candidate(sum.sort((a, b) => a.day - b.day || compare(a.line.id, b.line.id)), [target], { kind: 'sum_lines' });
          if (candidate !== null && !seen.has(candidate.key)) {
            seen.add(candidate.key);
            yield candidate;
          }
        }
      }
    }
  }

  // ---- scoring -------------------------------------------------------------------------------------------------

  private candidate(states: readonly LineState[], targets: readonly Target[], amount: AmountEvidence, partial?: { items: Item[]; detail: () => string }): Candidate | null {
    const first = states[0]!;
    const currency = first.line.currency;
    const customer = targets[0]!.customer;
    const signals: PendingSignal[] = [];

    const named = states.some((s) => s.refDetails !== null) ? targets.filter((t) => states.some((s) => s.refDetails?.has(t) === true)) : [];
    if (named.length > 0) {
      const detail = () => {
        const words = new Set<string>();
        for (const t of named) for (const st of states) if (st.refDetails?.has(t) === true) words.add(st.refDetails.get(t)!);
        return [...words].join('; ');
      };
      signals.push({ kind: 'reference', weight: named.length === targets.length ? weights.referenceAll : weights.referenceSome, detail });
    }

    const payer = this.payerSignal(first.payer, customer, targets);
    if (payer !== null) signals.push(payer);

    const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);
    if (amount.kind === 'exact') {
      const t = targets[0]!;
      const what = t.kind === 'receipt' ? 'the amount of' : 'the open amount of';
      // An amount shared by many items only says something when nothing else (payer, reference) does.
      const sharedBy = signals.length > 0 ? 1 : amount.sharedBy;
      const shared = sharedBy > 1 ? ` (${sharedBy} open items in the window have this amount)` : '';
      signals.push({ kind: 'amount_exact', weight: amountExactWeight(sharedBy), detail: () => `amount ${fmt(first.line.amountMinor, currency)} ${currency} equals ${what} ${t.label}${shared}` });
    } else if (amount.kind === 'sum_items') {
      signals.push({
        kind: 'amount_sum', weight: weights.amountSum,
        detail: () => `${targets.map((t) => fmt(t.amountMinor, currency)).join(' + ')} = ${fmt(first.line.amountMinor, currency)} ${currency}, the line's amount, over ${targets.map((t) => t.label).join(', ')}`,
      });
    } else if (amount.kind === 'sum_lines') {
      const amounts = states.map((s) => s.line.amountMinor);
      signals.push({
        kind: 'amount_sum', weight: weights.amountSum,
        detail: () => `${states.length} lines ${amounts.map((a) => fmt(a, currency)).join(' + ')} = ${fmt(sum(amounts), currency)} ${currency}, ${targets[0]!.kind === 'receipt' ? 'the amount of' : 'the open amount of'} ${targets[0]!.label}`,
      });
    } else {
      signals.push({ kind: 'amount_partial', weight: weights.amountPartial, detail: partial!.detail });
    }

    // The date the furthest from its item decides: a sum is as good as its worst-placed part.
    let worst = 0;
    let worstPair: [LineState, Target] = [first, targets[0]!];
    for (const s of states) {
      for (const t of targets) {
        const d = Math.abs(s.day - t.day);
        if (d > worst) [worst, worstPair] = [d, [s, t]];
      }
    }
    const dateW = dateWeight(worst, this.options.dateWindowDays);
    if (dateW > 0) signals.push({ kind: 'date', weight: dateW, detail: () => dateDetail(worstPair[0], worstPair[1]) });

    // Listed in a fixed order so explanations read alike: what was named, how much, who paid, when.
    signals.sort((a, b) => signalOrder.indexOf(a.kind) - signalOrder.indexOf(b.kind));
    const items = partial?.items ?? targets.flatMap(itemsOf);
    const lineIds = states.map((s) => s.line.id);
    const score = Math.min(100, signals.reduce((s, sig) => s + sig.weight, 0));
    // The identity of a suggestion, to keep one of each: same lines, same items, same amounts.
    const key =
      lineIds.length === 1 && items.length === 1
        ? `${lineIds[0]}#${items[0]!.id}:${items[0]!.amountMinor}`
        : `${lineIds.join(',')}#${items.map((i) => `${i.id}:${i.amountMinor}`).sort().join(',')}`;
    return { lineIds, customer, items, signals, score, key };
  }

  /** The strongest thing the payer says about this customer: learned alias, then account, then name. */
  private payerSignal(payer: Payer, customer: Customer, targets: readonly Target[]): PendingSignal | null {
    const aliasKeyUsed = payer.alias.get(customer);
    if (aliasKeyUsed !== undefined) {
      const who = aliasKeyUsed.startsWith('a:') ? `payer account ${payer.account}` : `payer "${payer.name}"`;
      return { kind: 'payer_alias', weight: weights.payerAlias, detail: () => `${who} was confirmed before as customer ${customer.name}` };
    }
    if (payer.account !== '') {
      const receipt = targets.find((t) => t.receipt !== null && normalizeAccount(t.receipt.payerAccount) === payer.account);
      if (receipt !== undefined) return { kind: 'payer_account', weight: weights.payerAccount, detail: () => `payer account ${payer.account} equals the payer account of ${receipt.label}` };
      const seen = payer.accounts.get(customer);
      if (seen !== undefined) return { kind: 'payer_account', weight: weights.payerAccount, detail: () => `payer account ${payer.account} paid ${seen.label} of customer ${customer.name}` };
    }
    const { similarity, label } = this.similarity(payer, customer);
    if (similarity >= this.options.nameSimilarityMin) {
      return { kind: 'payer_name', weight: payerNameWeight(similarity), detail: () => `payer name "${payer.name}" is like ${label} (similarity ${similarity.toFixed(2)})` };
    }
    return null;
  }
}

// ---- helpers ---------------------------------------------------------------------------------------------------

function rank(candidates: Candidate[], options: MatchOptions): Candidate[] {
  return candidates
    .filter((c) => c.score >= options.minScore)
    .sort((a, b) => b.score - a.score || compare(a.key, b.key))
    .slice(0, options.maxSuggestionsPerLine);
}

function toSuggestion(c: Candidate): MatchSuggestion {
  const signals: MatchSignal[] = c.signals.map((sig) => ({ kind: sig.kind, weight: sig.weight, detail: sig.detail() }));
  return { lineIds: c.lineIds, items: c.items, customerId: c.customer.id, score: c.score, signals };
}

function itemsOf(target: Target): Item[] {
  if (target.kind === 'receipt') return [{ kind: 'receipt', id: target.id, amountMinor: target.amountMinor }];
  return target.instalments.map((i) => ({ kind: 'instalment' as const, id: i.id, amountMinor: i.openMinor }));
}

function addReference(state: LineState, target: Target, detail: string): void {
  state.refDetails ??= new Map();
  if (state.refDetails.has(target)) return;
  state.referenced.push(target);
  state.refDetails.set(target, detail);
}

/** Whether two targets share an instalment (an order and one of its own instalments). */
function overlaps(targets: readonly Target[]): boolean {
  const ids = new Set<string>();
  for (const t of targets) for (const i of t.instalments) {
    if (ids.has(i.id)) return true;
    ids.add(i.id);
  }
  return false;
}

function dateDetail(state: LineState, target: Target): string {
  const d = state.day - target.day;
  const what = target.kind === 'receipt' ? 'the receipt date' : 'the due date';
  const when = d === 0 ? `on ${what}` : `${Math.abs(d)} day${Math.abs(d) === 1 ? '' : 's'} ${d > 0 ? 'after' : 'before'} ${what}`;
  return `booked ${state.line.bookingDate}, ${when} ${target.date}`;
}

function fmt(amountMinor: bigint, currency: string): string {
  return formatAmount(amountMinor, currency);
}

function byDayThenId(a: Target, b: Target): number {
  return a.day - b.day || compare(a.kind, b.kind) || compare(a.id, b.id);
}

/** First index whose day is ≥ day (targets sorted by day). */
function lowerBound(sorted: readonly Target[], day: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function groupBy<T>(values: readonly T[], keyOf: (v: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const v of values) push(out, keyOf(v), v);
  return out;
}
