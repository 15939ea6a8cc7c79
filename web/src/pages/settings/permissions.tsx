import { Checkbox, Col, Row, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DataScope, Role } from '../../api/admin';

/**
 * Permissions as people think of them: grouped by the work they allow, in the user's language. The codes are
 * the server's (src/core/auth/permissions.ts); a code this list does not know yet lands in "other".
 */
export const permissionGroups: { key: string; codes: string[] }[] = [
  { key: 'customers', codes: ['customers.view', 'customers.manage', 'orders.view', 'orders.manage'] },
  { key: 'money', codes: ['receipts.view', 'receipts.create', 'receipts.confirm', 'refunds.request', 'refunds.approve', 'records.void', 'receivables.write_off'] },
  { key: 'ledger', codes: ['ledger.view', 'ledger.post', 'periods.close', 'periods.reopen'] },
  { key: 'data', codes: ['data.export', 'sensitive.view', 'audit.view'] },
  { key: 'admin', codes: ['users.manage', 'settings.manage', 'api_keys.manage'] },
  { key: 'intake', codes: ['integrations.manage', 'reconciliation.manage', 'data.import'] },
  { key: 'alerts', codes: ['alerts.view', 'alerts.handle', 'alerts.manage'] },
  { key: 'reports', codes: ['reports.manage'] },
];

/** Secondary text dark enough for WCAG AA on white (antd's tertiary grey is not). */
export const muted = { color: '#595959' } as const;

const knownCodes = permissionGroups.flatMap((g) => g.codes);

export function permissionLabel(t: TFunction, code: string): string {
  if (code === '*') return t('settings:perm.all');
  return t(`settings:perm.${code}`, { defaultValue: code });
}

/** Built-in roles are named in the user's language; custom roles by the name their author gave. */
export function roleLabel(t: TFunction, role: Pick<Role, 'code' | 'name' | 'builtin'> | undefined, code?: string): string {
  const key = role?.code ?? code ?? '';
  if (!role || role.builtin) return t(`settings:role.${key}`, { defaultValue: role?.name ?? key });
  return role.name;
}

export function scopeLabel(t: TFunction, scope: DataScope): string {
  return t(`settings:scope.${scope}`);
}

/** Tags naming each permission (or "every permission" for '*'), for tables and read-only views. */
export function PermissionTags({ codes, max }: { codes: string[]; max?: number }) {
  const { t } = useTranslation('settings');
  if (codes.includes('*')) return <Tag color="gold">{permissionLabel(t, '*')}</Tag>;
  const shown = max === undefined ? codes : codes.slice(0, max);
  return (
    <>
      {shown.map((code) => (
        <Tag key={code} style={{ marginBottom: 4 }}>
          {permissionLabel(t, code)}
        </Tag>
      ))}
      {shown.length < codes.length && <span style={muted}>+{codes.length - shown.length}</span>}
    </>
  );
}

/**
 * Checkboxes for the permissions in `available`, grouped; used by the role editor and the API key form.
 * A read-only view shows the same layout with every box disabled.
 */
export function PermissionChecklist(props: { value?: string[]; onChange?: (codes: string[]) => void; available: string[]; disabled?: boolean; id?: string }) {
  const { t } = useTranslation('settings');
  const available = new Set(props.available.includes('*') ? knownCodes : props.available);
  const other = [...available].filter((code) => !knownCodes.includes(code));
  const groups = [...permissionGroups, { key: 'other', codes: other }]
    .map((g) => ({ ...g, codes: g.codes.filter((c) => available.has(c)) }))
    .filter((g) => g.codes.length > 0);
  const all = props.value?.includes('*');
  return (
    <div id={props.id}>
    <Checkbox.Group value={all ? [...available] : props.value} onChange={(codes) => props.onChange?.(codes as string[])} disabled={props.disabled} style={{ width: '100%' }}>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12, width: '100%' }}>
        {groups.map((group) => (
          <fieldset key={group.key} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', margin: 0 }}>
            <legend style={{ fontSize: 13, fontWeight: 600, color: '#262626', width: 'auto', padding: '0 4px', margin: 0, border: 'none' }}>{t(`permGroup.${group.key}`)}</legend>
            <Row gutter={[8, 4]}>
              {group.codes.map((code) => (
                <Col key={code} xs={24} sm={12}>
                  <Checkbox value={code}>
                    {permissionLabel(t, code)} <span style={{ ...muted, fontSize: 12 }}>{code}</span>
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </fieldset>
        ))}
      </div>
    </Checkbox.Group>
    </div>
  );
}
