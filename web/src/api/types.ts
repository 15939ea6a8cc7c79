/** Shapes the API answers with (see /api/docs); amounts are decimal strings in major units with a currency. */

export interface User {
  id: string;
  login: string;
  displayName: string;
  role: string;
  permissions: string[];
  dataScope: 'own' | 'department' | 'all';
}

export interface Me {
  user: User;
  csrfToken: string | null;
  expiresAt: string | null;
}

export interface TenantSettings {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  baseCurrency: string;
  graceDays: number;
  allowSelfConfirm: boolean;
  refundSecondApprovalAmount: string | null;
  sessionIdleMinutes: number;
  sessionAbsoluteMinutes: number;
  /** Webhook subscriptions may target private addresses (honoured only where the operator lets tenants decide). */
  allowPrivateWebhookTargets: boolean;
}

export interface CustomerFigures {
  currency: string;
  receivable: string;
  overdue: string;
  advance: string;
  received: string;
  refunded: string;
}

export interface Contact {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

export interface Customer {
  id: string;
  code: string;
  name: string;
  ownerId: string | null;
  departmentId: string | null;
  createdAt: string;
  updatedAt: string;
  taxId: string | null;
  contacts: Contact[];
  tags: string[];
  remarks: string;
  balances: { currency: string; receivable: string; advance: string }[];
  figures: CustomerFigures[];
}
