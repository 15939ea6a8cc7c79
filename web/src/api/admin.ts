/**
 * The administration API (settings, users, roles, departments, API keys, periods, audit trail): its shapes and
 * calls, as the routes in src/adapters/http/routes/{settings,users,roles,departments,api-keys,periods,audit}.ts
 * answer them.
 */
import { api, type Page } from './client';
import { valuesOf, type ItemOf, type QueryOf, type RequestJson, type ResponseJson } from './openapi-types';
import type { TenantSettings } from './types';

/** Email masked (z***@example.com) without sensitive.view. */
export type AdminUser = ItemOf<'get', '/users'>;
export type NewUser = RequestJson<'post', '/users'>;
export type UserChanges = RequestJson<'patch', '/users/{id}'>;

/** permissions: the built-in admin role holds '*'. */
export type Role = ItemOf<'get', '/roles'>;
export type DataScope = Role['dataScope'];
export const dataScopes = valuesOf<DataScope>()(['own', 'department', 'all']);
export type NewRole = RequestJson<'post', '/roles'>;
export type RoleChanges = RequestJson<'patch', '/roles/{code}'>;
export type PermissionCatalog = ResponseJson<'get', '/permissions'>;

export type Department = ItemOf<'get', '/departments'>;
export type NewDepartment = RequestJson<'post', '/departments'>;
export type DepartmentChanges = RequestJson<'patch', '/departments/{id}'>;

export type NewApiKey = RequestJson<'post', '/api-keys'>;
/** key: kx_… — in this answer only. */
export type CreatedApiKey = ResponseJson<'post', '/api-keys'>;
export type ApiKey = CreatedApiKey['apiKey'];

/** month: 'YYYY-MM'. */
export type Period = ResponseJson<'post', '/periods/{month}/close'>;

export type AuditRecord = ItemOf<'get', '/audit'>;
/** from, to: ISO instants, from inclusive, to exclusive. */
export type AuditFilter = Omit<QueryOf<'get', '/audit'>, 'cursor' | 'limit'>;
export type AuditVerification = ResponseJson<'get', '/audit/verify'>;

export type SettingsChanges = RequestJson<'patch', '/settings'>;

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

  catalog: () => api.get<PermissionCatalog>('/permissions'),
  allRoles: () => all<Role>('/roles'),
  createRole: (role: NewRole) => api.post<Role>('/roles', role),
  updateRole: (code: string, changes: RoleChanges) => api.patch<Role>(`/roles/${code}`, changes),
  deleteRole: (code: string) => api.delete<void>(`/roles/${code}`),

  allDepartments: () => all<Department>('/departments'),
  createDepartment: (department: NewDepartment) => api.post<Department>('/departments', department),
  updateDepartment: (id: string, changes: DepartmentChanges) => api.patch<Department>(`/departments/${id}`, changes),
  deleteDepartment: (id: string) => api.delete<void>(`/departments/${id}`),

  createApiKey: (key: NewApiKey, idempotencyKey: string) =>
    api.post<CreatedApiKey>('/api-keys', key, idempotencyKey),
  revokeApiKey: (id: string) => api.post<ApiKey>(`/api-keys/${id}/revoke`),

  closePeriod: (month: string) => api.post<Period>(`/periods/${month}/close`),
  reopenPeriod: (month: string, reason: string) => api.post<Period>(`/periods/${month}/reopen`, { reason }),

  verifyAudit: () => api.get<AuditVerification>('/audit/verify'),
};
