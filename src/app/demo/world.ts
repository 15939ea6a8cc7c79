import type { Transaction } from 'kysely';
import type { ReceiptChannel } from '../../core/ledger/chart.js';
import { newId } from '../ids.js';
import type { DB } from '../schema.js';
import {
  cities, departmentTree, englishFirstNames, englishIndustries, englishLastNames, englishLegalForms, englishPrefixes,
  englishSuffixes, givenNames, industries, legalForms, productCatalog, surnames, tradeNames,
} from './catalog.js';
import { WeightedIndex, type Rng } from './rng.js';

/** How a customer pays its instalments; drives on-time, late, partial and never-paid outcomes. */
export type PayerProfile = 'prompt' | 'slow' | 'partial' | 'risky';
export type DemoCurrency = 'CNY' | 'USD';

export interface DemoDepartment {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  /** Where this department's customers are registered. */
  cities: readonly string[];
  overseas: boolean;
  keyAccounts: boolean;
}
export interface DemoOwner { id: string; login: string; displayName: string; department: DemoDepartment }
export interface DemoProduct { id: string; code: string; name: string }
export interface DemoCustomer {
  id: string;
  code: string;
  name: string;
  owner: DemoOwner;
  currency: DemoCurrency;
  /** Multiplies order amounts: key accounts buy more per order. */
  sizeFactor: number;
  profile: PayerProfile;
  /** The channel this customer uses for most payments. */
  channel: ReceiptChannel;
}

/** The master data of a demo tenant, in memory: the generator refers to it for every order. */
export interface DemoWorld {
  departments: DemoDepartment[];
  owners: DemoOwner[];
  products: DemoProduct[];
  customers: DemoCustomer[];
  /** Order frequency is heavy-tailed: a few customers place many orders, most place a few. */
  customerPicker: WeightedIndex;
  productPicker: WeightedIndex;
}

export const cnyChannelWeights: Readonly<Record<ReceiptChannel, number>> = {
  bank_transfer: 62, alipay: 12, wechat_pay: 10, cheque: 7, cash: 4, stripe: 5, other: 0,
};
export const usdChannelWeights: Readonly<Record<ReceiptChannel, number>> = {
  bank_transfer: 72, stripe: 28, alipay: 0, wechat_pay: 0, cheque: 0, cash: 0, other: 0,
};
const profileWeights: Readonly<Record<PayerProfile, number>> = { prompt: 58, slow: 24, partial: 12, risky: 6 };

/** Customers scale with the receipts asked for, so a big run is not a few customers with absurd histories. */
export function customerCountFor(receipts: number): number {
  return Math.min(50_000, Math.max(200, Math.round(receipts / 20)));
}

export function ownerCountFor(customers: number): number {
  return Math.min(30, 10 + Math.floor(customers / 2_000));
}

export function buildWorld(rng: Rng, counts: { customers: number; owners: number }): DemoWorld {
  const departments = buildDepartments();
  const owners = buildOwners(rng, departments, counts.owners);
  const products = productCatalog.map((p) => ({ id: newId(), code: p.code, name: p.name }));
  const customers = buildCustomers(rng, owners, counts.customers);
  const customerWeights = customers.map((c) => {
    // Pareto-like tail: 1/(1-u)^0.7 stays near 1 for most and reaches dozens for a few.
    const base = Math.min(60, Math.pow(1 - rng.float(), -0.7));
    return c.owner.department.keyAccounts ? base * 3 : base;
  });
  return {
    departments,
    owners,
    products,
    customers,
    customerPicker: new WeightedIndex(customerWeights),
    productPicker: new WeightedIndex(productCatalog.map((p) => p.weight)),
  };
}

function buildDepartments(): DemoDepartment[] {
  const byCode = new Map<string, DemoDepartment>();
  for (const seed of departmentTree) {
    const parentId = seed.parent === null ? null : byCode.get(seed.parent)!.id;
    byCode.set(seed.code, {
      id: newId(), code: seed.code, name: seed.name, parentId, cities: seed.cities ?? cities, overseas: seed.overseas ?? false, keyAccounts: seed.code === 'KA',
    });
  }
  return [...byCode.values()];
}

/** Owners sit in the leaf departments: every leaf gets one first, the rest are spread at random. */
function buildOwners(rng: Rng, departments: DemoDepartment[], count: number): DemoOwner[] {
  const leaves = departments.filter((d) => !departments.some((child) => child.parentId === d.id));
  const owners: DemoOwner[] = [];
  const names = new Set<string>();
  for (let i = 0; i < count; i++) {
    const department = i < leaves.length ? leaves[i]! : rng.pick(leaves);
    let displayName = '';
    do {
      displayName = department.overseas && rng.chance(0.6)
        ? `${rng.pick(englishFirstNames)} ${rng.pick(englishLastNames)}`
        : `${rng.pick(surnames)}${rng.pick(givenNames)}`;
    } while (names.has(displayName));
    names.add(displayName);
    owners.push({ id: newId(), login: `sales${String(i + 1).padStart(3, '0')}`, displayName, department });
  }
  return owners;
}

function buildCustomers(rng: Rng, owners: DemoOwner[], count: number): DemoCustomer[] {
  const names = new Set<string>();
  const customers: DemoCustomer[] = [];
  for (let i = 1; i <= count; i++) {
    const owner = rng.pick(owners);
    const dept = owner.department;
    const english = dept.overseas ? rng.chance(0.85) : rng.chance(0.07);
    const currency: DemoCurrency = dept.overseas ? (rng.chance(0.9) ? 'USD' : 'CNY') : english && rng.chance(0.3) ? 'USD' : 'CNY';
    const name = uniqueName(rng, names, english, dept.cities);
    const sizeFactor = (dept.keyAccounts ? 2.5 : 1) * (0.6 + rng.float() * rng.float() * 1.8);
    const channel = rng.weighted(currency === 'USD' ? usdChannelWeights : cnyChannelWeights);
    const profile = rng.weighted(profileWeights);
    customers.push({ id: newId(), code: `C${String(i).padStart(6, '0')}`, name, owner, currency, sizeFactor, profile, channel });
  }
  return customers;
}

function uniqueName(rng: Rng, taken: Set<string>, english: boolean, regionCities: readonly string[]): string {
  for (let attempt = 0; ; attempt++) {
    let name = english ? englishCompanyName(rng) : chineseCompanyName(rng, regionCities);
    // Real registers have branches of one company in many cities; after a few clashes become one.
    if (attempt >= 8) name = english ? `${name} (${rng.pick(cities)} Branch ${attempt})` : `${name}${rng.pick(cities)}第${attempt}分公司`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function chineseCompanyName(rng: Rng, regionCities: readonly string[]): string {
  return `${rng.pick(regionCities)}${rng.pick(tradeNames)}${rng.pick(industries)}${rng.pick(legalForms)}`;
}

function englishCompanyName(rng: Rng): string {
  return `${rng.pick(englishPrefixes)}${rng.pick(englishSuffixes)} ${rng.pick(englishIndustries)} ${rng.pick(englishLegalForms)}`;
}

const insertChunkRows = 2_000;

/** Writes the master data; departments go in list order, which puts every parent before its children. */
export async function insertWorld(trx: Transaction<DB>, tenantId: string, world: DemoWorld): Promise<void> {
  await trx
    .insertInto('departments')
    .values(world.departments.map((d) => ({ tenant_id: tenantId, id: d.id, code: d.code, name: d.name, parent_id: d.parentId })))
    .execute();
  await trx
    .insertInto('users')
    .values(world.owners.map((o) => ({
      tenant_id: tenantId, id: o.id, login: o.login, display_name: o.displayName, role: 'sales',
      department_id: o.department.id, password_hash: null, disabled_at: null,
    })))
    .execute();
  await trx
    .insertInto('products')
    .values(world.products.map((p) => ({ tenant_id: tenantId, id: p.id, code: p.code, name: p.name })))
    .execute();
  for (let start = 0; start < world.customers.length; start += insertChunkRows) {
    await trx
      .insertInto('customers')
      .values(world.customers.slice(start, start + insertChunkRows).map((c) => ({
        tenant_id: tenantId, id: c.id, code: c.code, name: c.name, owner_id: c.owner.id, department_id: c.owner.department.id,
      })))
      .execute();
  }
}
