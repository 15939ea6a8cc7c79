/** Shapes of the customer endpoints the customer pages use (see src/adapters/http/routes/customers.ts and customer-statement.ts). */
import type { Contact } from './types';

export interface CustomerInput {
  code: string;
  name: string;
  ownerId?: string | null;
  departmentId?: string | null;
  taxId?: string | null;
  contacts?: Contact[];
  tags?: string[];
  remarks?: string;
}

/** One user of the tenant's directory (GET /users). */
export interface DirectoryUser {
  id: string;
  login: string;
  displayName: string;
  role: string;
  departmentId: string | null;
  disabled: boolean;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export type StatementKind = 'order_confirmed' | 'receipt' | 'allocation' | 'receipt_void' | 'refund' | 'credit_note' | 'write_off';

export interface StatementMovement {
  date: string;
  kind: StatementKind;
  entryId: string;
  sourceType: 'order' | 'receipt' | 'refund' | 'adjustment' | null;
  sourceId: string | null;
  reference: string | null;
  memo: string;
  debit: string;
  credit: string;
  balance: string;
}

/** GET /customers/:id/statement (对账单). */
export interface CustomerStatement {
  customer: { id: string; code: string; name: string };
  currency: string;
  from: string;
  to: string;
  openingBalance: string;
  movements: StatementMovement[];
  totals: { debit: string; credit: string };
  closingBalance: string;
  truncated: boolean;
  movementCount: number;
  currencies: string[];
}

/** GET /customers/:id/advances. */
export interface CustomerAdvances {
  customerId: string;
  advances: {
    currency: string;
    balance: string;
    held: string;
    available: string;
    receipts: { id: string; number: string; receivedDate: string; amount: string; allocated: string; refundHeld: string; refunded: string; available: string }[];
  }[];
}

/** A receipt in a list (GET /receipts). */
export interface ReceiptRow {
  id: string;
  number: string;
  kind: 'order_payment' | 'prepayment';
  status: string;
  currency: string;
  amount: string;
  channel: string;
  receivedDate: string;
  allocated: string;
  advance: string;
  refunded: string;
  createdAt: string;
}

/** A refund in a list (GET /refunds). */
export interface RefundRow {
  id: string;
  number: string;
  receiptId: string | null;
  receiptNumber: string | null;
  currency: string;
  amount: string;
  reasonCode: string;
  reasonText: string;
  status: string;
  requestedAt: string;
  paidDate: string | null;
}

/** One record of the audit trail (GET /audit). */
export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { kind: 'user' | 'api_key' | 'system'; id: string | null; label: string };
  action: string;
  entity: { type: string; id: string | null };
  reason: string | null;
}
