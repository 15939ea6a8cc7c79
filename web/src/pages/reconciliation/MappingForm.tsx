import { Alert, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { mappingDateFormats, mappingDelimiters, mappingPresets, statementsApi, type MappingColumn, type MappingDefinition, type MappingInput, type StatementMapping } from '../../api/statements';
import { useFormSubmit } from '../settings/common';

type AmountMode = 'signed' | 'split';
type Defined<K extends keyof MappingDefinition> = NonNullable<MappingDefinition[K]>;
interface Values {
  name: string;
  preset?: Defined<'preset'>;
  encoding: Defined<'encoding'>;
  skipRows?: number | null;
  delimiter: Defined<'delimiter'>;
  dateFormat: Defined<'dateFormat'>;
  defaultCurrency: string;
  amountMode: AmountMode;
  columns: Partial<Record<MappingColumn, string>>;
}

/** The columns the form has a field for: one name each. */
const singleColumns = (columns: MappingDefinition['columns']): Values['columns'] =>
  Object.fromEntries(Object.entries(columns).filter(([, v]) => typeof v === 'string'));

const delimiterKeys: Record<(typeof mappingDelimiters)[number], string> = { auto: 'auto', ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const otherColumns: MappingColumn[] = ['valueDate', 'direction', 'currency', 'counterpartyName', 'counterpartyAccount', 'bankRef', 'endToEndRef', 'description', 'balance'];

/** Which columns of a CSV/XLSX export hold what; saved per bank and chosen when uploading. */
export function MappingForm(props: { mapping?: StatementMapping; onClose: () => void; onSaved: (saved: StatementMapping) => void }) {
  const { t } = useTranslation('reconciliation');
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const amountMode = Form.useWatch('amountMode', form) ?? 'signed';
  // A preset knows its columns: those typed here only override it, so none is required.
  const preset = Form.useWatch('preset', form) ?? props.mapping?.definition.preset ?? undefined;
  const m = props.mapping;
  const d = m?.definition;

  const initial: Values = m && d
    ? {
        name: m.name, preset: d.preset ?? undefined, encoding: d.encoding ?? 'auto', skipRows: d.skipRows ?? null, delimiter: d.delimiter ?? 'auto', dateFormat: d.dateFormat ?? 'auto',
        defaultCurrency: d.defaultCurrency ?? 'CNY', columns: singleColumns(d.columns), amountMode: d.columns?.credit || d.columns?.debit ? 'split' : 'signed',
      }
    : { name: '', encoding: 'auto', skipRows: null, delimiter: 'auto', dateFormat: 'auto', defaultCurrency: 'CNY', columns: {}, amountMode: 'signed' };

  const save = async (values: Values) => {
    // Only the amount columns of the chosen mode, and no empty names: the server reads what is sent.
    const drop: MappingColumn[] = values.amountMode === 'split' ? ['amount'] : ['credit', 'debit'];
    const columns: MappingDefinition['columns'] = Object.fromEntries(Object.entries(values.columns ?? {}).filter(([k, v]) => v && v.trim() && !drop.includes(k as MappingColumn)).map(([k, v]) => [k, v!.trim()]));
    // A description joined from several columns (possible through the API) has no field here: it is kept unless
    // one column is typed in its place.
    if (Array.isArray(d?.columns.description) && columns.description === undefined) columns.description = d.columns.description;
    const body: MappingInput = {
      name: values.name.trim(),
      definition: {
      ...(values.preset ? { preset: values.preset } : {}),
      encoding: values.encoding,
      ...(values.skipRows == null ? {} : { skipRows: values.skipRows }),
      delimiter: values.delimiter,
      columns,
      dateFormat: values.dateFormat,
      defaultCurrency: values.defaultCurrency.trim().toUpperCase(),
      },
    };
    props.onSaved(m ? await statementsApi.updateMapping(m.id, body) : await statementsApi.createMapping(body));
  };

  const column = (name: MappingColumn, required = false) => (
    <Col xs={24} sm={12} key={name}>
      <Form.Item name={['columns', name]} label={t(`mapping.column.${name}`)} rules={required && !preset ? [{ required: true, whitespace: true, message: t('mapping.required') }] : []}>
        <Input maxLength={100} autoComplete="off" data-testid={`mapping-column-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal open title={m ? t('mapping.edit', { name: m.name }) : t('mapping.new')} okText={t('common:action.save')} cancelText={t('common:action.cancel')} onOk={() => void submit(save)} onCancel={props.onClose}
      confirmLoading={saving} okButtonProps={{ 'data-testid': 'mapping-save' }} destroyOnHidden width={760}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="statement-mapping" initialValues={initial}>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('mapping.name')} rules={[{ required: true, whitespace: true, message: t('mapping.required') }]}>
              <Input maxLength={100} autoComplete="off" data-testid="mapping-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="preset" label={t('mapping.preset')} extra={t('mapping.presetHelp')}>
              <Select allowClear options={mappingPresets.map((p) => ({ value: p, label: t(`mapping.presets.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="encoding" label={t('mapping.encoding')}>
              <Select options={['auto', 'utf-8', 'gbk'].map((e) => ({ value: e, label: t(`encoding.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="delimiter" label={t('mapping.delimiter')}>
              <Select options={mappingDelimiters.map((d) => ({ value: d, label: t(`mapping.delimiters.${delimiterKeys[d]}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="skipRows" label={t('mapping.skipRows')} tooltip={t('mapping.skipRowsHelp')}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} placeholder={t('mapping.skipRowsAuto')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="dateFormat" label={t('mapping.dateFormat')}>
              <Select options={mappingDateFormats.map((f) => ({ value: f, label: f === 'auto' ? t('mapping.dateAuto') : f }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="defaultCurrency" label={t('mapping.defaultCurrency')} tooltip={t('mapping.defaultCurrencyHelp')} rules={[{ required: true, pattern: /^[A-Za-z]{3}$/, message: t('mapping.required') }]}>
              <Input maxLength={3} style={{ textTransform: 'uppercase' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={18}>
            <Form.Item name="amountMode" label={t('mapping.amountMode')}>
              <Radio.Group options={[{ value: 'signed', label: t('mapping.amountSigned') }, { value: 'split', label: t('mapping.amountSplit') }]} />
            </Form.Item>
          </Col>
        </Row>
        <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px' }}>
          <legend style={{ fontSize: 13, fontWeight: 600, width: 'auto', padding: '0 4px', margin: 0, border: 'none' }}>{t('mapping.columns')}</legend>
          <Row gutter={16}>
            {column('bookingDate', true)}
            {amountMode === 'split' ? [column('credit', true), column('debit')] : column('amount', true)}
            {otherColumns.map((c) => column(c))}
          </Row>
        </fieldset>
      </Form>
    </Modal>
  );
}
