/** Shapes of the order endpoints (see src/adapters/http/routes/orders.ts). Amounts are decimal strings. */

export type OrderStatus = 'draft' | 'confirmed' | 'completed' | 'cancelled';
export type InstalmentStatus = 'pending' | 'due_soon' | 'overdue' | 'partially_paid' | 'paid' | 'void';

export interface OrderSummary {
  id: string;
  number: string;
  customerId: string;
  customerCode: string;
  customerName: string;
  title: string;
  currency: string;
  status: OrderStatus;
  ownerId: string | null;
  departmentId: string | null;
  signedDate: string;
  total: string;
  paid: string;
  credited: string;
  writtenOff: string;
  outstanding: string;
  baseRate: string | null;
  baseTotal: string | null;
  createdAt: string;
}

export interface OrderLine {
  lineNo: number;
  productId: string | null;
  productCode: string | null;
  productName: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
  amount: string;
}

export interface Instalment {
  id: string;
  seq: number;
  dueDate: string;
  amount: string;
  settled: string;
  outstanding: string;
  status: InstalmentStatus;
  voidedAt: string | null;
}

export interface OrderAllocation {
  id: string;
  receiptId: string;
  receiptNumber: string;
  instalmentId: string | null;
  kind: 'allocate' | 'deallocate' | 'void';
  amount: string;
  receiptCurrency: string;
  receiptAmount: string;
  rate: string | null;
  createdAt: string;
}

export interface Order extends OrderSummary {
  baseCurrency: string;
  overdue: string;
  remarks: string;
  confirmEntryId: string | null;
  confirmedAt: string | null;
  confirmedBy: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  createdBy: string | null;
  updatedAt: string;
  lines: OrderLine[];
  plan: Instalment[];
  allocations: OrderAllocation[];
}

export interface OrderLineInput {
  productId?: string | null;
  description: string;
  quantity: string;
  unitPrice: string;
}

export interface OrderInput {
  customerId: string;
  title: string;
  currency: string;
  signedDate: string;
  ownerId?: string | null;
  departmentId?: string | null;
  remarks?: string;
  lines: OrderLineInput[];
}

export interface PlanInstalmentInput {
  id?: string;
  dueDate: string;
  amount: string;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  unit: string;
  active: boolean;
}
