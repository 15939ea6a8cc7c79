import { Alert, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { statementsApi, type MappingColumn, type MappingInput, type StatementMapping } from '../../api/statements';
import { useFormSubmit } from '../settings/common';

type AmountMode = 'signed' | 'split';
interface Values extends Omit<MappingInput, 'columns' | 'preset'> {
  preset?: string;
  amountMode: AmountMode;
  columns: Partial<Record<MappingColumn, string>>;
}

/** Starting points for the usual exports; the user adjusts the header names to their bank's file. */
const presets: Record<string, Partial<Values>> = {
  cn_bank_split: {
    encoding: 'gbk', skipRows: 0, delimiter: ',', dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY', amountMode: 'split',
    columns: { bookingDate: '交易日期', credit: '贷方发生额', debit: '借方发生额', counterpartyName: '对方户名', counterpartyAccount: '对方账号', bankRef: '流水号', description: '摘要' },
  },
  cn_bank_signed: {
    encoding: 'gbk', skipRows: 0, delimiter: ',', dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY', amountMode: 'signed',
    columns: { bookingDate: '交易日期', amount: '交易金额', counterpartyName: '对方户名', counterpartyAccount: '对方账号', bankRef: '交易流水号', description: '用途' },
  },
  generic_en: {
    encoding: 'utf-8', skipRows: 0, delimiter: ',', dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY', amountMode: 'signed',
    columns: { bookingDate: 'Date', amount: 'Amount', currency: 'Currency', counterpartyName: 'Payer', counterpartyAccount: 'Account', bankRef: 'Reference', description: 'Description' },
  },
};

const delimiters = [
  { value: ',', key: 'comma' },
  { value: ';', key: 'semicolon' },
  { value: '\t', key: 'tab' },
  { value: '|', key: 'pipe' },
];
const dateFormats = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'YYYY.MM.DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY'];
const otherColumns: MappingColumn[] = ['currency', 'counterpartyName', 'counterpartyAccount', 'bankRef', 'endToEndRef', 'description'];

/** Which columns of a CSV/XLSX export hold what; saved per bank and chosen when uploading. */
export function MappingForm(props: { mapping?: StatementMapping; onClose: () => void; onSaved: (saved: StatementMapping) => void }) {
  const { t } = useTranslation('reconciliation');
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const amountMode = Form.useWatch('amountMode', form) ?? 'signed';
  const m = props.mapping;

  const initial: Values = m
    ? { name: m.name, preset: m.preset ?? undefined, encoding: m.encoding, skipRows: m.skipRows, delimiter: m.delimiter, dateFormat: m.dateFormat, defaultCurrency: m.defaultCurrency, columns: m.columns, amountMode: m.columns.credit || m.columns.debit ? 'split' : 'signed' }
    : { name: '', encoding: 'utf-8', skipRows: 0, delimiter: ',', dateFormat: 'YYYY-MM-DD', defaultCurrency: 'CNY', columns: {}, amountMode: 'signed' };

  const save = async (values: Values) => {
    // Only the amount columns of the chosen mode, and no empty names: the server reads what is sent.
    const drop: MappingColumn[] = values.amountMode === 'split' ? ['amount'] : ['credit', 'debit'];
    const columns = Object.fromEntries(Object.entries(values.columns ?? {}).filter(([k, v]) => v && v.trim() && !drop.includes(k as MappingColumn)).map(([k, v]) => [k, v!.trim()]));
    const body: MappingInput = {
      name: values.name.trim(),
      encoding: values.encoding,
      skipRows: values.skipRows,
      delimiter: values.delimiter,
      columns,
      dateFormat: values.dateFormat,
      defaultCurrency: values.defaultCurrency.trim().toUpperCase(),
    };
    props.onSaved(m ? await statementsApi.updateMapping(m.id, body) : await statementsApi.createMapping(body));
  };

  const column = (name: MappingColumn, required = false) => (
    <Col xs={24} sm={12} key={name}>
      <Form.Item name={['columns', name]} label={t(`mapping.column.${name}`)} rules={required ? [{ required: true, whitespace: true, message: t('mapping.required') }] : []}>
        <Input maxLength={100} autoComplete="off" data-testid={`mapping-column-${name}`} />
      </Form.Item>
    </Col>
  );

  return (
    <Modal open title={m ? t('mapping.edit', { name: m.name }) : t('mapping.new')} okText={t('common:action.save')} cancelText={t('common:action.cancel')} onOk={() => void submit(save)} onCancel={props.onClose}
      confirmLoading={saving} okButtonProps={{ 'data-testid': 'mapping-save' }} destroyOnHidden width={760}>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="statement-mapping" initialValues={initial}
        onValuesChange={(changed: Partial<Values>) => {
          const preset = changed.preset ? presets[changed.preset] : undefined;
          if (preset) form.setFieldsValue({ ...preset, columns: { ...preset.columns } });
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={t('mapping.name')} rules={[{ required: true, whitespace: true, message: t('mapping.required') }]}>
              <Input maxLength={100} autoComplete="off" data-testid="mapping-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="preset" label={t('mapping.preset')} extra={t('mapping.presetHelp')}>
              <Select allowClear options={Object.keys(presets).map((p) => ({ value: p, label: t(`mapping.presets.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="encoding" label={t('mapping.encoding')}>
              <Select options={['utf-8', 'gbk'].map((e) => ({ value: e, label: t(`encoding.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="delimiter" label={t('mapping.delimiter')}>
              <Select options={delimiters.map((d) => ({ value: d.value, label: t(`mapping.delimiters.${d.key}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="skipRows" label={t('mapping.skipRows')} tooltip={t('mapping.skipRowsHelp')}>
              <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="dateFormat" label={t('mapping.dateFormat')}>
              <Select options={dateFormats.map((f) => ({ value: f, label: f }))} />
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
