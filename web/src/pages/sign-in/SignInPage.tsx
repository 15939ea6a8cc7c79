import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Language } from '../../i18n';
import { LanguageSwitch } from '../../shared/LanguageSwitch';
import { describeError } from '../../shared/errors';

interface Values {
  tenant: string;
  login: string;
  password: string;
}

const tenantKey = 'kx.tenant';

export default function SignInPage({ onSignedIn, language, onLanguage }: { onSignedIn: () => void; language: Language; onLanguage: (language: Language) => void }) {
  const { t } = useTranslation('signIn');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.post('/auth/sign-in', values);
      localStorage.setItem(tenantKey, values.tenant);
      onSignedIn();
    } catch (error) {
      setFailure(describeError(t, error));
      setBusy(false);
    }
  };

  return (
    <main style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f7fa' }}>
      <Card style={{ width: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch value={language} onChange={onLanguage} label="Language / 语言" />
        </div>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {t('title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('subtitle')}</Typography.Paragraph>
        {failure && <Alert role="alert" type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
        <Form<Values> layout="vertical" onFinish={submit} initialValues={{ tenant: localStorage.getItem(tenantKey) ?? 'default' }} requiredMark={false}>
          <Form.Item name="tenant" label={t('tenant')} extra={t('tenantHelp')} rules={[{ required: true, message: t('required', { field: t('tenant') }) }]}>
            <Input autoComplete="organization" />
          </Form.Item>
          <Form.Item name="login" label={t('login')} rules={[{ required: true, message: t('required', { field: t('login') }) }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required', { field: t('password') }) }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin-submit">
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
