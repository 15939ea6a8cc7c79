/**
 * What a person or an API key may do. Permissions are fine-grained and stable (stored in roles and keys);
 * roles bundle them; a data scope limits which customers' records a role sees at all.
 */
export const permissions = [
  'customers.view',
  'customers.manage',
  'orders.view',
  'orders.manage',
  'receipts.view',
  'receipts.create',
  'receipts.confirm',
  'refunds.request',
  'refunds.approve',
  'records.void',
  'receivables.write_off',
  'ledger.view',
  'ledger.post',
  'data.export',
  'sensitive.view',
  'users.manage',
  'settings.manage',
  'audit.view',
  'periods.close',
  'periods.reopen',
  'api_keys.manage',
  'integrations.manage',
  'reconciliation.manage',
  'data.import',
  'alerts.view',
  'alerts.handle',
  'alerts.manage',
  /** Share report templates with roles, schedule them to other people and to webhooks. */
  'reports.manage',
] as const;
export type Permission = (typeof permissions)[number];

/** '*' grants every permission, including ones added later: only the admin role has it. */
export type Grant = Permission | '*';

export const dataScopes = ['own', 'department', 'all'] as const;
export type DataScope = (typeof dataScopes)[number];

export interface RoleDefinition {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly permissions: readonly Grant[];
  readonly dataScope: DataScope;
}

const viewAll: Permission[] = ['customers.view', 'orders.view', 'receipts.view', 'ledger.view'];

export const builtinRoles: readonly RoleDefinition[] = [
  { code: 'admin', nameZh: '管理员', nameEn: 'Administrator', permissions: ['*'], dataScope: 'all' },
  {
    code: 'finance',
    nameZh: '财务',
    nameEn: 'Finance',
    permissions: [...viewAll, 'customers.manage', 'orders.manage', 'receipts.create', 'receipts.confirm', 'refunds.request', 'refunds.approve', 'records.void', 'receivables.write_off', 'ledger.post', 'data.export', 'sensitive.view', 'periods.close', 'reconciliation.manage', 'data.import', 'alerts.view', 'alerts.handle', 'alerts.manage', 'reports.manage'],
    dataScope: 'all',
  },
  {
    code: 'sales',
    nameZh: '销售',
    nameEn: 'Sales',
    permissions: ['customers.view', 'customers.manage', 'orders.view', 'orders.manage', 'receipts.view', 'receipts.create', 'refunds.request', 'alerts.view', 'alerts.handle'],
    dataScope: 'own',
  },
  {
    code: 'manager',
    nameZh: '主管',
    nameEn: 'Manager',
    permissions: [...viewAll, 'customers.manage', 'orders.manage', 'receipts.create', 'refunds.request', 'data.export', 'alerts.view', 'alerts.handle', 'reports.manage'],
    dataScope: 'department',
  },
  {
    code: 'auditor',
    nameZh: '审计',
    nameEn: 'Auditor',
    permissions: [...viewAll, 'audit.view', 'data.export', 'sensitive.view', 'alerts.view'],
    dataScope: 'all',
  },
];

/** Permissions that change nothing: an auditor's role may hold only these. */
export const readOnlyPermissions: ReadonlySet<Permission> = new Set(['customers.view', 'orders.view', 'receipts.view', 'ledger.view', 'audit.view', 'data.export', 'sensitive.view', 'alerts.view']);

export function isPermission(value: string): value is Permission {
  return (permissions as readonly string[]).includes(value);
}

export function grants(held: readonly Grant[] | ReadonlySet<Grant>, wanted: Permission): boolean {
  const set = held instanceof Set ? held : new Set(held as readonly Grant[]);
  return set.has('*') || set.has(wanted);
}
