import { Button, Collapse, Descriptions, Drawer, Empty, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRecord } from '../../api/admin';
import { useSession } from '../../auth/session';
import { actionLabel, entityLabel } from './labels';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

const absent = Symbol('absent');

/** Objects become dotted paths (contact.phone); arrays and plain values are shown whole. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out.set(prefix, value);
  } else if (value !== null && value !== undefined) {
    out.set('', value);
  }
  return out;
}

export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before);
  const b = flatten(after);
  const fields = [...new Set([...a.keys(), ...b.keys()])];
  return fields.map((field) => {
    const x = a.has(field) ? a.get(field) : absent;
    const y = b.has(field) ? b.get(field) : absent;
    return { field, before: x, after: y, changed: JSON.stringify(x === absent ? null : x) !== JSON.stringify(y === absent ? null : y) || (x === absent) !== (y === absent) };
  });
}

function Value({ value, placeholder }: { value: unknown; placeholder: string }) {
  if (value === absent) return <span style={{ color: '#595959' }}>{placeholder}</span>;
  if (value === null || value === undefined) return <span style={{ color: '#595959' }}>null</span>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  return <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontFamily: typeof value === 'string' ? undefined : 'monospace' }}>{text}</span>;
}

/** One audit record: who, what, when, and its before/after as a field-by-field comparison, then the raw JSON. */
export function AuditDetail(props: { record: AuditRecord; onClose: () => void; onFilterEntity: (type: string, id: string) => void }) {
  const { t, i18n } = useTranslation('audit');
  const { tenant } = useSession();
  const r = props.record;

  return (
    <Drawer open onClose={props.onClose} title={t('detail.title', { seq: r.seq })} size="large" data-testid="audit-detail">
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }} styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label={t('column.action')}>
          {actionLabel(t, r.action)} <Typography.Text code>{r.action}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.occurredAt')}>{new Date(r.occurredAt).toLocaleString(i18n.language, { timeZone: tenant.timeZone })}</Descriptions.Item>
        <Descriptions.Item label={t('column.actor')}>
          {r.actor.label} <Tag>{t(`actorKind.${r.actor.kind}`)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('column.entity')}>
          {entityLabel(t, r.entity.type)} {r.entity.id && <Typography.Text code>{r.entity.id}</Typography.Text>}
          {r.entity.id && (
            <Button type="link" size="small" onClick={() => props.onFilterEntity(r.entity.type, r.entity.id!)}>
              {t('detail.filterEntity')}
            </Button>
          )}
        </Descriptions.Item>
        {r.reason && <Descriptions.Item label={t('column.reason')}>{r.reason}</Descriptions.Item>}
        {r.ip && <Descriptions.Item label={t('column.ip')}>{r.ip}</Descriptions.Item>}
        {r.userAgent && <Descriptions.Item label={t('column.userAgent')}>{r.userAgent}</Descriptions.Item>}
        <Descriptions.Item label={t('detail.recordId')}>
          <Typography.Text code>{r.id}</Typography.Text>
        </Descriptions.Item>
      </Descriptions>

      <AuditChanges record={r} />
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'raw',
            label: t('detail.raw'),
            children: (
              <pre style={{ fontSize: 12, margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {JSON.stringify({ before: r.before ?? null, after: r.after ?? null }, null, 2)}
              </pre>
            ),
          },
        ]}
      />
    </Drawer>
  );
}

/** The record's before/after, field by field (changed fields first shown alone), for the drawer or an expanded row. */
export function AuditChanges({ record: r }: { record: AuditRecord }) {
  const { t } = useTranslation('audit');
  const [changedOnly, setChangedOnly] = useState(true);
  const changes = useMemo(() => fieldChanges(r.before, r.after), [r]);
  const shown = changedOnly ? changes.filter((c) => c.changed) : changes;
  const isCreate = r.before === null || r.before === undefined;
  const isDelete = r.after === null || r.after === undefined;
  const switchId = `audit-changed-only-${r.seq}`;
  return (
    <>
      <div style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 8, marginBottom: 8 }}>
        <label htmlFor={switchId}>{t('detail.changedOnly')}</label>
        <Switch id={switchId} size="small" checked={changedOnly} onChange={setChangedOnly} />
      </div>
      {changes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noChanges')} />
      ) : (
        <Table<FieldChange>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={shown}
          data-testid="audit-changes"
          columns={[
            { key: 'field', title: t('detail.field'), width: 180, render: (_, c) => <Typography.Text code>{c.field || '—'}</Typography.Text> },
            {
              key: 'before',
              title: t('detail.before'),
              render: (_, c) => <Value value={c.before} placeholder={isCreate ? t('detail.created') : '—'} />,
              onCell: (c) => ({ style: c.changed && !isCreate ? { background: '#fff1f0' } : undefined }),
            },
            {
              key: 'after',
              title: t('detail.after'),
              render: (_, c) => <Value value={c.after} placeholder={isDelete ? t('detail.removed') : '—'} />,
              onCell: (c) => ({ style: c.changed && !isDelete ? { background: '#f6ffed' } : undefined }),
            },
          ]}
        />
      )}
    </>
  );
}
