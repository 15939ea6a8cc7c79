import type { Kysely } from 'kysely';
import { limits } from '../../core/limits.js';
import { formatAmount } from '../../core/money/index.js';
import { can, type Actor } from '../actor.js';
import { tenantRules } from '../receivables/common.js';
import type { DB, ImportKind, ImportRowError } from '../schema.js';
import { columnsByKind } from './columns.js';
import { RowIssues, RowReader } from './cells.js';
import type { ParsedFile } from './read.js';
import { departmentsByCode, hasRecordedRate, productsByCode, takenCustomerCodes, usersByLogin, visibleCustomersByCode, visibleOrdersByNumber } from './references.js';

/**
 * What a row is once checked: its cells as the file gave them, plus the ids its codes resolved to (keys
 * starting with '@'), the group it belongs to (an order's rows), and its problems. The commit builds the use
 * case's input from `data` alone; the use case then checks everything again, as it does for the API.
 */
export interface ValidatedRow {
  row: number;
  groupKey: string | null;
  data: Record<string, string>;
  errors: ImportRowError[];
}

export async function validateFile(db: Kysely<DB>, actor: Actor, kind: ImportKind, file: ParsedFile): Promise<ValidatedRow[]> {
  const issues = new RowIssues(file.headerOf);
  const data = file.rows.map((r) => ({ row: r.row, groupKey: null as string | null, data: { ...r.cells } }));
  const readers = file.rows.map((r) => new RowReader(r, columnsByKind[kind], issues));
  if (kind === 'customers') await checkCustomers(db, actor, readers, data, issues);
  else if (kind === 'orders') await checkOrders(db, actor, readers, data, issues);
  else await checkReceipts(db, actor, readers, data, issues);
  return data.map((d) => ({ ...d, errors: issues.of(d.row) }));
}

type Resolved = { row: number; groupKey: string | null; data: Record<string, string> }[];

/** Resolves an optional owner login and department code on a row, recording unknown ones. */
function placement(r: RowReader, d: Resolved[number], issues: RowIssues, users: Map<string, { id: string; disabled: boolean }>, departments: Map<string, string>): void {
  const owner = r.text('owner');
  if (owner) {
    const user = users.get(owner);
    if (!user) issues.add(r.row, 'owner', 'not_found', `no user with login "${owner}"`);
    else if (user.disabled) issues.add(r.row, 'owner', 'validation_failed', `user "${owner}" is disabled`);
    else d.data['@ownerId'] = user.id;
  }
  const department = r.text('department');
  if (department) {
    const id = departments.get(department);
    if (!id) issues.add(r.row, 'department', 'not_found', `no department with code "${department}"`);
    else d.data['@departmentId'] = id;
  }
}

async function checkCustomers(db: Kysely<DB>, actor: Actor, readers: RowReader[], data: Resolved, issues: RowIssues): Promise<void> {
  const cells = data.map((d) => d.data);
  const taken = await takenCustomerCodes(db, actor.tenantId, cells.map((c) => c.code ?? ''));
  const users = await usersByLogin(db, actor.tenantId, cells.map((c) => c.owner ?? ''));
  const departments = await departmentsByCode(db, actor.tenantId, cells.map((c) => c.department ?? ''));
  const firstRowOf = new Map<string, number>();
  readers.forEach((r, index) => {
    const d = data[index]!;
    const code = r.text('code');
    r.text('name');
    r.text('taxId');
    if (code) {
      const first = firstRowOf.get(code);
      if (first !== undefined) issues.add(r.row, 'code', 'already_exists', `customer code "${code}" is also in row ${first} of this file`);
      else firstRowOf.set(code, r.row);
      if (taken.has(code)) issues.add(r.row, 'code', 'already_exists', `a customer with code "${code}" already exists`);
    }
    placement(r, d, issues, users, departments);
    const contactName = r.text('contactName');
    const phone = r.text('contactPhone');
    const email = r.text('contactEmail');
    if (phone && !/^[0-9+()*#\- ]*$/.test(phone)) issues.add(r.row, 'contactPhone', 'validation_failed', 'a phone number has digits, spaces and + ( ) - only');
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) issues.add(r.row, 'contactEmail', 'validation_failed', `"${email}" is not an e-mail address`);
    if ((phone || email) && contactName === '') issues.add(r.row, 'contactName', 'validation_failed', 'a phone or e-mail needs the contact’s name');
    const tags = r.text('tags');
    if (tags) {
      const list = splitTags(tags);
      if (list.length > limits.customerTagsMax) issues.add(r.row, 'tags', 'validation_failed', `at most ${limits.customerTagsMax} tags`);
      if (list.some((t) => t.length > 40)) issues.add(r.row, 'tags', 'validation_failed', 'a tag has at most 40 characters');
    }
    r.text('remarks');
  });
}

export function splitTags(text: string): string[] {
  return text.split(/[;；,，]/).map((t) => t.trim()).filter((t) => t !== '');
}

/** The columns that describe an order (not an instalment): stated on a group's first row, blank or equal later. */
const orderColumns = ['customer', 'title', 'currency', 'signedDate', 'total', 'product', 'description', 'owner', 'department', 'exchangeRate', 'confirm', 'remarks'] as const;

async function checkOrders(db: Kysely<DB>, actor: Actor, readers: RowReader[], data: Resolved, issues: RowIssues): Promise<void> {
  const cells = data.map((d) => d.data);
  const customers = await visibleCustomersByCode(db, actor, cells.map((c) => c.customer ?? ''));
  const users = await usersByLogin(db, actor.tenantId, cells.map((c) => c.owner ?? ''));
  const departments = await departmentsByCode(db, actor.tenantId, cells.map((c) => c.department ?? ''));
  const products = await productsByCode(db, actor.tenantId, cells.map((c) => c.product ?? ''));
  const rules = await tenantRules(db, actor.tenantId);
  const groups = new Map<string, number[]>();
  readers.forEach((r, index) => {
    const ref = r.text('orderRef');
    if (!ref) return;
    data[index]!.groupKey = ref;
    groups.set(ref, [...(groups.get(ref) ?? []), index]);
  });
  for (const [ref, members] of groups) {
    const head = readers[members[0]!]!;
    const d = data[members[0]!]!;
    // Later rows of the group: order cells blank or the same as the first row's; the first row's cells serve all.
    for (const index of members.slice(1)) {
      const r = readers[index]!;
      for (const key of orderColumns) {
        const value = data[index]!.data[key] ?? '';
        if (value !== '' && value !== (d.data[key] ?? '')) issues.add(r.row, key, 'validation_failed', `order "${ref}" says "${d.data[key] ?? ''}" here in row ${head.row}; leave this cell blank or write the same`);
      }
    }
    const code = head.text('customer');
    if (code) {
      const customer = customers.get(code);
      if (!customer) issues.add(head.row, 'customer', 'not_found', `no customer with code "${code}" (that you may see)`);
      else d.data['@customerId'] = customer.id;
    }
    head.text('title');
    head.text('description');
    head.text('remarks');
    const currency = head.currency('currency');
    const signedDate = head.date('signedDate');
    const total = head.amount('total', currency);
    const rate = head.rate('exchangeRate');
    const confirm = head.yesNo('confirm', true);
    Object.assign(d.data, {
      ...(currency ? { '@currency': currency } : {}),
      ...(signedDate ? { '@signedDate': signedDate } : {}),
      ...(currency && typeof total === 'bigint' ? { '@total': formatAmount(total, currency) } : {}),
      '@confirm': confirm ? 'yes' : 'no',
    });
    placement(head, d, issues, users, departments);
    const product = head.text('product');
    if (product) {
      const found = products.get(product);
      if (!found) issues.add(head.row, 'product', 'not_found', `no product with code "${product}"`);
      else if (!found.active) issues.add(head.row, 'product', 'validation_failed', `product "${product}" is inactive`);
      else d.data['@productId'] = found.id;
    }
    if (confirm && currency && signedDate && currency !== rules.baseCurrency && rate === '' && !(await hasRecordedRate(db, actor.tenantId, currency, signedDate))) {
      issues.add(head.row, 'exchangeRate', 'exchange_rate_missing', `no ${currency}→${rules.baseCurrency} rate is recorded on or before ${signedDate}: give one, or record it first`);
    }
    checkPlan(readers, data, members, currency, total ?? undefined, ref, issues);
    // One bad row spoils its whole order: the others say so, so that nothing of it is imported alone.
    const bad = members.filter((i) => issues.has(readers[i]!.row)).map((i) => readers[i]!.row);
    if (bad.length > 0) {
      for (const index of members) {
        if (!issues.has(readers[index]!.row)) issues.add(readers[index]!.row, 'orderRef', 'validation_failed', `order "${ref}" has problems in row(s) ${bad.join(', ')}; its rows are imported together or not at all`);
      }
    }
  }
}

function checkPlan(readers: RowReader[], data: Resolved, members: number[], currency: string | undefined, total: bigint | undefined, ref: string, issues: RowIssues): void {
  const planned = members.filter((i) => (data[i]!.data.dueDate ?? '') !== '' || (data[i]!.data.instalmentAmount ?? '') !== '');
  if (planned.length === 0 && members.length > 1) {
    issues.add(readers[members[1]!]!.row, 'dueDate', 'plan_mismatch', `order "${ref}" has several rows but no plan: each row is one instalment, with its due date and amount`);
    return;
  }
  if (planned.length === 0) return;
  if (members.length > limits.instalmentsPerPlanMax) issues.add(readers[members[0]!]!.row, 'orderRef', 'plan_mismatch', `a plan has at most ${limits.instalmentsPerPlanMax} instalments`);
  let sum = 0n;
  let complete = true;
  for (const index of members) {
    const r = readers[index]!;
    const due = r.date('dueDate', true);
    const amount = r.amount('instalmentAmount', currency, true);
    if (due) data[index]!.data['@dueDate'] = due;
    if (typeof amount === 'bigint' && currency) {
      sum += amount;
      data[index]!.data['@instalmentAmount'] = formatAmount(amount, currency);
    }
    else complete = false;
  }
  if (complete && total !== undefined && currency !== undefined && sum !== total) {
    issues.add(readers[members[0]!]!.row, 'instalmentAmount', 'plan_mismatch',
      `the instalments of order "${ref}" add up to ${formatAmount(sum, currency)} ${currency}; they must add up to the order total ${formatAmount(total, currency)} ${currency}`);
  }
}

async function checkReceipts(db: Kysely<DB>, actor: Actor, readers: RowReader[], data: Resolved, issues: RowIssues): Promise<void> {
  const cells = data.map((d) => d.data);
  const customers = await visibleCustomersByCode(db, actor, cells.map((c) => c.customer ?? ''));
  const orders = await visibleOrdersByNumber(db, actor, cells.map((c) => c.orderNumber ?? ''));
  const rules = await tenantRules(db, actor.tenantId);
  // What the confirmed rows of this file take from each order, so that together they stay within what it owes.
  const takenByOrder = new Map<string, bigint>();
  const rateChecked = new Map<string, boolean>();
  for (const [index, r] of readers.entries()) {
    const d = data[index]!;
    const code = r.text('customer');
    const customer = code ? customers.get(code) : undefined;
    if (code && !customer) issues.add(r.row, 'customer', 'not_found', `no customer with code "${code}" (that you may see)`);
    if (customer) d.data['@customerId'] = customer.id;
    const currency = r.currency('currency');
    const amount = r.amount('amount', currency);
    const channel = r.choice('channel');
    const receivedDate = r.date('receivedDate');
    const kind = r.choice('kind', 'order_payment');
    if (kind) d.data['@kind'] = kind;
    for (const key of ['payerName', 'payerAccount', 'externalRef', 'remarks']) r.text(key);
    const confirm = r.yesNo('confirm', false);
    Object.assign(d.data, {
      ...(currency ? { '@currency': currency } : {}),
      ...(currency && typeof amount === 'bigint' ? { '@amount': formatAmount(amount, currency) } : {}),
      ...(receivedDate ? { '@receivedDate': receivedDate } : {}),
      ...(channel ? { '@channel': channel } : {}),
      '@confirm': confirm ? 'yes' : 'no',
    });
    if (confirm && !can(actor, 'receipts.confirm')) issues.add(r.row, 'confirm', 'forbidden', 'confirming a receipt needs the permission receipts.confirm; leave it 否/no to import it pending');
    else if (confirm && !rules.allowSelfConfirm) issues.add(r.row, 'confirm', 'self_approval_forbidden', 'this tenant does not allow confirming receipts you enter yourself; leave it 否/no and have someone else confirm them');
    if (confirm && currency && receivedDate && currency !== rules.baseCurrency) {
      const key = `${currency} ${receivedDate}`;
      if (!rateChecked.has(key)) rateChecked.set(key, await hasRecordedRate(db, actor.tenantId, currency, receivedDate));
      if (!rateChecked.get(key)) issues.add(r.row, 'currency', 'exchange_rate_missing', `no ${currency}→${rules.baseCurrency} rate is recorded on or before ${receivedDate}: record it before confirming`);
    }
    const number = r.text('orderNumber');
    const allocation = r.amount('allocationAmount', currency);
    if (!number) {
      if (allocation) issues.add(r.row, 'allocationAmount', 'validation_failed', 'an allocation amount needs the order number it goes to');
      continue;
    }
    if (kind === 'prepayment') {
      issues.add(r.row, 'orderNumber', 'validation_failed', 'a prepayment goes wholly to the advance balance: leave the order number blank, or make it order_payment');
      continue;
    }
    const order = orders.get(number);
    if (!order) {
      issues.add(r.row, 'orderNumber', 'not_found', `no order "${number}" (that you may see)`);
      continue;
    }
    d.data['@orderId'] = order.id;
    if (typeof allocation === 'bigint') d.data['@allocation'] = formatAmount(allocation, order.currency);
    if (customer && order.customer_id !== customer.id) issues.add(r.row, 'orderNumber', 'validation_failed', `order ${number} is another customer's`);
    if (order.status !== 'confirmed' && order.status !== 'completed') issues.add(r.row, 'orderNumber', 'invalid_state', `order ${number} is ${order.status}; only a confirmed order takes payments`);
    if (currency && order.currency !== currency) issues.add(r.row, 'orderNumber', 'currency_mismatch', `order ${number} is in ${order.currency}; an import allocates only in the order's currency`);
    const share = allocation ?? amount;
    if (typeof share !== 'bigint' || typeof amount !== 'bigint' || order.currency !== currency) continue;
    if (share > amount) issues.add(r.row, 'allocationAmount', 'exceeds_receipt_amount', `more than the receipt's ${formatAmount(amount, order.currency)} ${order.currency}`);
    const before = confirm ? (takenByOrder.get(order.id) ?? 0n) : 0n;
    if (before + share > order.outstandingMinor) {
      const left = order.outstandingMinor - before;
      issues.add(r.row, allocation ? 'allocationAmount' : 'amount', 'exceeds_outstanding',
        `order ${number} still owes ${formatAmount(left > 0n ? left : 0n, order.currency)} ${order.currency}${before > 0n ? ' after the rows above' : ''}`);
    } else if (confirm) takenByOrder.set(order.id, before + share);
  }
}
