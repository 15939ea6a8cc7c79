import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Form, Input, Modal, Popconfirm, Row, Skeleton, Space, Tree, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type Department } from '../../api/admin';
import { describeError } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';
import { departmentTree, useFormSubmit, useInstant } from './common';
import { muted } from './permissions';

interface Values {
  code: string;
  name: string;
  parentId: string | null;
}

const top = '__top__';

/** The department tree on the left; the chosen department on the right: rename, move, delete when empty. */
export default function DepartmentsTab() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const list = useLoad(() => adminApi.allDepartments(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState<string | null | false>(false);
  const departments = useMemo(() => list.data ?? [], [list.data]);
  const current = departments.find((d) => d.id === selected) ?? null;
  const tree = useMemo(() => departmentTree(departments), [departments]);

  const removed = async (department: Department) => {
    try {
      await adminApi.deleteDepartment(department.id);
      message.success(t('departments.deleted'));
      setSelected(null);
      list.reload();
    } catch (error) {
      message.error(describeError(t, error));
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={10} lg={8}>
        <Card
          size="small"
          title={t('departments.tree')}
          extra={
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setCreating(null)} data-testid="department-new">
              {t('departments.new')}
            </Button>
          }
        >
          {list.error && <Alert type="error" showIcon message={list.error} />}
          {list.loading && !list.data ? (
            <Skeleton active />
          ) : tree.length === 0 ? (
            <Empty description={t('departments.empty')} />
          ) : (
            <Tree
              aria-label={t('departments.tree')}
              showIcon
              icon={<ApartmentOutlined />}
              defaultExpandAll
              blockNode
              selectedKeys={selected ? [selected] : []}
              onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
              treeData={tree}
              data-testid="department-tree"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} md={14} lg={16}>
        {current ? (
          <DepartmentEditor
            key={current.id}
            department={current}
            departments={departments}
            onSaved={() => list.reload()}
            onDelete={() => removed(current)}
            hasChildren={departments.some((d) => d.parentId === current.id)}
            onNewChild={() => setCreating(current.id)}
          />
        ) : (
          <Card size="small">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('departments.select')} />
          </Card>
        )}
      </Col>
      {creating !== false && (
        <NewDepartment
          parentId={creating}
          departments={departments}
          onClose={() => setCreating(false)}
          onSaved={(created) => {
            setCreating(false);
            setSelected(created.id);
            list.reload();
          }}
        />
      )}
    </Row>
  );
}

/** Code, name and parent; the parent choices leave out the department itself and everything below it. */
function DepartmentFields({ departments, exclude }: { departments: Department[]; exclude?: string }) {
  const { t } = useTranslation('settings');
  const parents = [{ value: top, title: t('departments.topLevel'), key: top, children: [] }, ...departmentTree(departments, exclude)];
  return (
    <>
      <Form.Item name="code" label={t('departments.code')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input maxLength={40} />
      </Form.Item>
      <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="parentId" label={t('departments.parent')}>
        <TreeSelect treeDefaultExpandAll treeData={parents} />
      </Form.Item>
    </>
  );
}

function DepartmentEditor(props: { department: Department; departments: Department[]; hasChildren: boolean; onSaved: () => void; onDelete: () => Promise<void>; onNewChild: () => void }) {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const instant = useInstant();
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);
  const d = props.department;
  useEffect(() => form.setFieldsValue({ code: d.code, name: d.name, parentId: d.parentId ?? top }), [d, form]);

  const save = async (values: Values) => {
    const parentId = values.parentId === top ? null : values.parentId;
    await adminApi.updateDepartment(d.id, {
      ...(values.code.trim() !== d.code ? { code: values.code.trim() } : {}),
      ...(values.name.trim() !== d.name ? { name: values.name.trim() } : {}),
      ...(parentId !== d.parentId ? { parentId } : {}),
    });
    message.success(t('departments.saved'));
    props.onSaved();
  };

  return (
    <Card
      size="small"
      title={d.name}
      extra={
        <Button size="small" icon={<PlusOutlined />} onClick={props.onNewChild}>
          {t('departments.newChild')}
        </Button>
      }
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="department" layout="vertical" onFinish={(values) => void submit(save, values)} data-testid="department-form">
        <DepartmentFields departments={props.departments} exclude={d.id} />
        <p style={muted}>
          {t('common:field.createdAt')}: {instant(d.createdAt)}
        </p>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="department-save">
            {t('common:action.save')}
          </Button>
          <Popconfirm
            title={t('departments.deleteConfirm', { name: d.name })}
            okText={t('common:action.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common:action.cancel')}
            onConfirm={props.onDelete}
            disabled={props.hasChildren}
          >
            <Button danger disabled={props.hasChildren} title={props.hasChildren ? t('departments.deleteBlocked') : undefined} data-testid="department-delete">
              {t('common:action.delete')}
            </Button>
          </Popconfirm>
        </Space>
      </Form>
    </Card>
  );
}

function NewDepartment(props: { parentId: string | null; departments: Department[]; onClose: () => void; onSaved: (created: Department) => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const { saving, failure, submit } = useFormSubmit(form);

  const save = async (values: Values) =>
    props.onSaved(await adminApi.createDepartment({ code: values.code.trim(), name: values.name.trim(), parentId: values.parentId === top ? null : values.parentId }));

  return (
    <Modal
      open
      title={t(props.parentId ? 'departments.newChild' : 'departments.new')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => void submit(save)}
      onCancel={props.onClose}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'department-create' }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="new-department" layout="vertical" initialValues={{ parentId: props.parentId ?? top }}>
        <DepartmentFields departments={props.departments} />
      </Form>
    </Modal>
  );
}
