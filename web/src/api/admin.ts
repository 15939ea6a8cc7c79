/**
 * The administration API (settings, users, roles, departments, API keys, periods, audit trail): its shapes and
 * calls, as the routes in src/adapters/http/routes/{settings,users,roles,departments,api-keys,periods,audit}.ts
 * answer them.
 */
import { api, type Page } from './client';
import type { TenantSettings } from './types';

export type DataScope = 'own' | 'department' | 'all';
export const dataScopes: DataScope[] = ['own', 'department', 'all'];

export interface AdminUser {
  id: string;
  login: string;
  displayName: string;
  /** Masked (z***@example.com) without sensitive.view. */
  email: string | null;
  phone: string | null;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

export interface NewUser {
  login: string;
  displayName: string;
  email?: string | null;
  phone?: string | null;
  role: string;
  departmentId?: string | null;
  password: string;
}

export type UserChanges = Partial<Pick<AdminUser, 'displayName' | 'email' | 'phone' | 'role' | 'departmentId'>>;

export interface Role {
  code: string;
  name: string;
  /** The built-in admin role holds '*'. */
  permissions: string[];
  dataScope: DataScope;
  builtin: boolean;
  userCount: number;
  createdAt: string;
}

export interface NewRole {
  code: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
}

export interface Department {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  name: string;
  permissions: string[];
  dataScope: DataScope;
  createdBy: string;
  createdByLogin: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  /** kx_… — in this answer only. */
  key: string;
  apiKey: ApiKey;
}

export interface Period {
  /** 'YYYY-MM' */
  month: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  closedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

export interface AuditRecord {
  seq: number;
  id: string;
  occurredAt: string;
  actor: { kind: 'user' | 'api_key' | 'system'; id: string | null; label: string };
  ip: string | null;
  userAgent: string | null;
  action: string;
  entity: { type: string; id: string | null };
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export interface AuditVerification {
  ok: boolean;
  problems: { seq: number; id: string | null; problem: 'altered' | 'missing' | 'broken_link' | 'head_mismatch'; message: string }[];
}

export type SettingsChanges = Partial<Omit<TenantSettings, 'id' | 'slug'>>;

/** The largest page the server gives (limits.pageSizeMax). */
const pageMax = 200;

/** Every page of a small list (roles, departments, users for a picker), up to a bound. */
async function all<T>(path: string, bound = 2_000): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { limit: pageMax, cursor: cursor ?? undefined });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && rows.length < bound);
  return rows;
}

export const adminApi = {
  updateSettings: (changes: SettingsChanges) => api.patch<TenantSettings>('/settings', changes),

  allUsers: () => all<AdminUser>('/users'),
  createUser: (user: NewUser) => api.post<AdminUser>('/users', user),
  updateUser: (id: string, changes: UserChanges) => api.patch<AdminUser>(`/users/${id}`, changes),
  disableUser: (id: string) => api.post<AdminUser>(`/users/${id}/disable`),
  enableUser: (id: string) => api.post<AdminUser>(`/users/${id}/enable`),

  catalog: () => api.get<{ permissions: string[]; dataScopes: DataScope[] }>('/permissions'),
  allRoles: () => all<Role>('/roles'),
  createRole: (role: NewRole) => api.post<Role>('/roles', role),
  updateRole: (code: string, changes: Partial<Omit<NewRole, 'code'>>) => api.patch<Role>(`/roles/${code}`, changes),
  deleteRole: (code: string) => api.delete<void>(`/roles/${code}`),

  allDepartments: () => all<Department>('/departments'),
  createDepartment: (department: { code: string; name: string; parentId: string | null }) => api.post<Department>('/departments', department),
  updateDepartment: (id: string, changes: { code?: string; name?: string; parentId?: string | null }) => api.patch<Department>(`/departments/${id}`, changes),
  deleteDepartment: (id: string) => api.delete<void>(`/departments/${id}`),

  createApiKey: (key: { name: string; permissions: string[]; dataScope: DataScope }, idempotencyKey: string) =>
    api.post<CreatedApiKey>('/api-keys', key, idempotencyKey),
  revokeApiKey: (id: string) => api.post<ApiKey>(`/api-keys/${id}/revoke`),

  closePeriod: (month: string) => api.post<Period>(`/periods/${month}/close`),
  reopenPeriod: (month: string, reason: string) => api.post<Period>(`/periods/${month}/reopen`, { reason }),

  verifyAudit: () => api.get<AuditVerification>('/audit/verify'),
};
