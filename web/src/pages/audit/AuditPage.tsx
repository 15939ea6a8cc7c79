import { AutoComplete, Card, DatePicker, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AuditFilter, type AuditRecord } from '../../api/admin';
import { useSession } from '../../auth/session';
import { DataTable, type DataColumn } from '../../shared/DataTable';
import { useLoad } from '../../shared/useLoad';
import { AuditDetail } from './AuditDetail';
import { AuditVerify } from './AuditVerify';
import { actionCodes, actionLabel, entityLabel, entityTypes } from './labels';

dayjs.extend(utc);
dayjs.extend(timezone);

const muted = { color: '#595959' } as const;

export default function AuditPage() {
  const { t, i18n } = useTranslation('audit');
  const { tenant } = useSession();
  const users = useLoad(() => adminApi.allUsers(), []);
  const [filter, setFilter] = useState<AuditFilter>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [open, setOpen] = useState<AuditRecord | null>(null);
  const [entityId, setEntityId] = useState('');
  const instant = (iso: string) => new Date(iso).toLocaleString(i18n.language, { timeZone: tenant.timeZone });
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns = useMemo<DataColumn<AuditRecord>[]>(
    () => [
      { key: 'seq', title: t('column.seq'), dataIndex: 'seq', align: 'right', exportValue: (r) => r.seq },
      { key: 'time', title: t('column.time'), render: (_, r) => <span style={{ whiteSpace: 'nowrap' }}>{instant(r.occurredAt)}</span>, exportValue: (r) => r.occurredAt },
      {
        key: 'actor',
        title: t('column.actor'),
        render: (_, r) => (
          <span>
            {r.actor.label} {r.actor.kind !== 'user' && <Tag style={{ marginInlineStart: 4 }}>{t(`actorKind.${r.actor.kind}`)}</Tag>}
          </span>
        ),
        exportValue: (r) => `${r.actor.label} (${t(`actorKind.${r.actor.kind}`)})`,
      },
      {
        key: 'action',
        title: t('column.action'),
        render: (_, r) => (
          <span>
            {actionLabel(t, r.action)}{' '}
            <span style={{ ...muted, fontSize: 12, fontFamily: 'monospace' }}>{r.action}</span>
          </span>
        ),
        exportValue: (r) => r.action,
      },
      {
        key: 'entity',
        title: t('column.entity'),
        render: (_, r) => (
          <span>
            {entityLabel(t, r.entity.type)} <span style={{ ...muted, fontSize: 12, fontFamily: 'monospace' }}>{r.entity.id ?? ''}</span>
          </span>
        ),
        exportValue: (r) => `${r.entity.type} ${r.entity.id ?? ''}`.trim(),
      },
      { key: 'reason', title: t('column.reason'), render: (_, r) => r.reason ?? '—', exportValue: (r) => r.reason },
      { key: 'ip', title: t('column.ip'), render: (_, r) => r.ip ?? '—', exportValue: (r) => r.ip, defaultHidden: true },
      { key: 'userAgent', title: t('column.userAgent'), render: (_, r) => r.userAgent ?? '—', exportValue: (r) => r.userAgent, defaultHidden: true },
      {
        key: 'details',
        title: t('column.details'),
        render: (_, r) => (
          <Typography.Link
            onClick={(e) => {
              e.stopPropagation();
              setOpen(r);
            }}
            data-testid={`audit-open-${r.seq}`}
          >
            {t('common:action.view')}
          </Typography.Link>
        ),
        exportValue: (r) => JSON.stringify({ before: r.before, after: r.after }),
        defaultHidden: false,
      },
    ],
    // instant follows the language (t) and the tenant's time zone
    [t, tenant.timeZone],
  );

  // The picked wall-clock times are the tenant's, whatever the browser's own time zone.
  const inTenantZone = (value: Dayjs | null | undefined) => (value ? dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), tenant.timeZone).toISOString() : undefined);
  const onRange = (value: [Dayjs | null, Dayjs | null] | null) => {
    setRange(value);
    set({ from: inTenantZone(value?.[0]), to: inTenantZone(value?.[1]) });
  };

  return (
    <Card
      title={<Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>}
      extra={<AuditVerify />}
      data-testid="audit"
    >
      <p style={muted}>{t('intro')}</p>
      <DataTable<AuditRecord>
        id="audit"
        path="/audit"
        query={{ ...filter }}
        columns={columns}
        rowKey="id"
        exportName="audit-log"
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        toolbar={
          <>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('filter.actor')}
              placeholder={t('filter.actor')}
              style={{ width: 180 }}
              loading={users.loading}
              value={filter.actor}
              onChange={(actor) => set({ actor })}
              options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))}
            />
            <AutoComplete
              allowClear
              aria-label={t('filter.action')}
              placeholder={t('filter.action')}
              style={{ width: 200 }}
              options={actionCodes.map((code) => ({ value: code, label: `${actionLabel(t, code)} · ${code}` }))}
              filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())}
              onSelect={(action: string) => set({ action })}
              onChange={(value: string) => !value && set({ action: undefined })}
              onBlur={(e) => set({ action: (e.target as HTMLInputElement).value.trim() || undefined })}
            />
            <Select
              allowClear
              aria-label={t('filter.entityType')}
              placeholder={t('filter.entityType')}
              style={{ width: 150 }}
              value={filter.entityType}
              onChange={(entityType) => set({ entityType })}
              options={entityTypes.map((type) => ({ value: type, label: entityLabel(t, type) }))}
            />
            <Input.Search
              allowClear
              aria-label={t('filter.entityId')}
              placeholder={t('filter.entityId')}
              style={{ width: 220 }}
              value={entityId}
              onChange={(e) => setEntityId(e.target.value)}
              onSearch={(value) => set({ entityId: value.trim() || undefined })}
            />
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t('filter.time')}
              placeholder={[t('filter.from'), t('filter.to')]}
              value={range}
              onChange={(value) => onRange(value as [Dayjs | null, Dayjs | null] | null)}
              allowEmpty={[true, true]}
            />
          </>
        }
      />
      {open && (
        <AuditDetail
          record={open}
          onClose={() => setOpen(null)}
          onFilterEntity={(type, id) => {
            setOpen(null);
            setEntityId(id);
            set({ entityType: type, entityId: id });
          }}
        />
      )}
    </Card>
  );
}
