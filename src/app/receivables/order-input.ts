import type { Kysely } from 'kysely';
import { isKxError, KxError, type FieldIssue } from '../../core/errors.js';
import { isBusinessDate } from '../../core/ledger/entry.js';
import { limits } from '../../core/limits.js';
import { formatAmount, MAX_AMOUNT_MINOR } from '../../core/money/index.js';
import { formatQuantity, lineAmountMinor, parseQuantityMilli, validatePlan, type InstalmentDraft } from '../../core/receivables/index.js';
import type { Actor } from '../actor.js';
import type { DB } from '../schema.js';
import { amountField, fail, visibleCustomer } from './common.js';

/** What a client sends for an order: amounts and quantities as decimal strings. */
export interface OrderLineInput {
  productId?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface InstalmentInput {
  id?: string;
  dueDate: string;
  amount: string;
}

export interface ParsedLine {
  productId: string | null;
  description: string;
  quantityMilli: bigint;
  unitPriceMinor: bigint;
  amountMinor: bigint;
}

export interface ParsedInstalment extends InstalmentDraft {
  id?: string;
}

/**
 * Runs each field's parser and gathers every problem into one error, so a form can mark all bad fields at
 * once; the error's code is the first problem's.
 */
export class Issues {
  readonly list: FieldIssue[] = [];

  take<T>(field: string, parse: () => T): T | undefined {
    try {
      return parse();
    } catch (error) {
      if (!isKxError(error)) throw error;
      this.list.push({ field, code: error.code, message: error.message });
      return undefined;
    }
  }

  add(field: string, code: FieldIssue['code'], message: string): void {
    this.list.push({ field, code, message });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new KxError(this.list[0]!.code, this.list[0]!.message, { fields: this.list });
  }
}

/** Order lines → minor units and thousandths; each line amount rounded (lineAmountMinor), the total their sum. */
export function parseLines(lines: readonly OrderLineInput[], currency: string): { lines: ParsedLine[]; totalMinor: bigint } {
  const issues = new Issues();
  if (lines.length === 0) issues.add('lines', 'validation_failed', 'an order has at least one line');
  if (lines.length > limits.orderLinesMax) issues.add('lines', 'validation_failed', `an order has at most ${limits.orderLinesMax} lines`);
  const parsed = lines.map((line, index) => {
    const quantityMilli = issues.take(`lines[${index}].quantity`, () => parseQuantityMilli(line.quantity, `lines[${index}].quantity`)) ?? 0n;
    const unitPriceMinor = issues.take(`lines[${index}].unitPrice`, () => amountField(line.unitPrice, currency, `lines[${index}].unitPrice`, { allowZero: true })) ?? 0n;
    const amountMinor = lineAmountMinor(quantityMilli, unitPriceMinor);
    if (amountMinor > MAX_AMOUNT_MINOR) issues.add(`lines[${index}]`, 'amount_out_of_range', `${formatQuantity(quantityMilli)} × ${formatAmount(unitPriceMinor, currency)} is beyond the largest amount`);
    return { productId: line.productId ?? null, description: line.description.trim(), quantityMilli, unitPriceMinor, amountMinor };
  });
  issues.throwIfAny();
  const totalMinor = parsed.reduce((sum, l) => sum + l.amountMinor, 0n);
  if (totalMinor <= 0n) throw fail('amount_not_positive', 'lines', 'the order total must be more than zero');
  if (totalMinor > MAX_AMOUNT_MINOR) throw fail('amount_out_of_range', 'lines', 'the order total is beyond the largest amount');
  return { lines: parsed, totalMinor };
}

/** A payment plan → minor units, checked to add up to exactly `plannedMinor`. */
export function parsePlan(instalments: readonly InstalmentInput[], currency: string, plannedMinor: bigint): ParsedInstalment[] {
  const issues = new Issues();
  const parsed = instalments.map((inst, index) => ({
    ...(inst.id !== undefined ? { id: inst.id } : {}),
    dueDate: inst.dueDate,
    amountMinor: issues.take(`instalments[${index}].amount`, () => amountField(inst.amount, currency, `instalments[${index}].amount`)) ?? 0n,
  }));
  issues.throwIfAny();
  validatePlan(parsed, plannedMinor, currency, 'instalments');
  return parsed;
}

export function requireDate(value: string, field: string): string {
  if (!isBusinessDate(value)) throw fail('invalid_date', field, 'not a real date (YYYY-MM-DD)');
  return value;
}

export interface Placement {
  customerId: string;
  ownerId: string | null;
  departmentId: string | null;
}

/**
 * Checks every record an order names, as the actor sees them: the customer within their scope, products,
 * owner and department of this tenant. Anything else is not_found on its field — an id of another tenant
 * looks exactly like one that never existed. Products must be active to go on a line.
 */
export async function resolvePlacement(
  db: Kysely<DB>,
  actor: Actor,
  input: { customerId: string; ownerId?: string | null; departmentId?: string | null },
  productIds: readonly (string | null)[],
  /** The owner the order already has: keeping them needs no check. */
  currentOwnerId?: string | null,
): Promise<Placement> {
  const customer = await visibleCustomer(db, actor, input.customerId);
  await requireActiveProducts(db, actor.tenantId, productIds);
  let ownerId = input.ownerId === undefined ? customer.owner_id : input.ownerId;
  const ownerChosen = input.ownerId !== undefined && input.ownerId !== currentOwnerId;
  let ownerDepartment: string | null = null;
  if (ownerId !== null && ownerChosen) {
    const owner = await db.selectFrom('users').select('department_id').where('tenant_id', '=', actor.tenantId).where('id', '=', ownerId).executeTakeFirst();
    if (!owner) throw fail('not_found', 'ownerId', 'no such user', { ownerId });
    ownerDepartment = owner.department_id;
  }
  if (actor.dataScope === 'own' && ownerChosen && input.ownerId !== actor.userId && input.ownerId !== customer.owner_id) {
    throw fail('forbidden', 'ownerId', 'your data scope is your own customers: an order you book is yours or the customer owner’s');
  }
  ownerId ??= null;
  const departmentId = input.departmentId === undefined ? (ownerDepartment ?? customer.department_id) : input.departmentId;
  if (input.departmentId) {
    const department = await db.selectFrom('departments').select('id').where('tenant_id', '=', actor.tenantId).where('id', '=', input.departmentId).executeTakeFirst();
    if (!department) throw fail('not_found', 'departmentId', 'no such department', { departmentId: input.departmentId });
  }
  return { customerId: customer.id, ownerId, departmentId };
}

async function requireActiveProducts(db: Kysely<DB>, tenantId: string, productIds: readonly (string | null)[]): Promise<void> {
  const wanted = [...new Set(productIds.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return;
  const rows = await db.selectFrom('products').select(['id', 'active', 'code']).where('tenant_id', '=', tenantId).where('id', 'in', wanted).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const issues = new Issues();
  productIds.forEach((id, index) => {
    if (id === null) return;
    const product = byId.get(id);
    if (!product) issues.add(`lines[${index}].productId`, 'not_found', 'no such product');
    else if (!product.active) issues.add(`lines[${index}].productId`, 'validation_failed', `product ${product.code} is inactive`);
  });
  issues.throwIfAny();
}
