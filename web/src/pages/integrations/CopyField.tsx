import { CopyOutlined } from '@ant-design/icons';
import { App, Button, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** A read-only value with a copy button: a webhook URL, a secret shown once. Selecting it selects all of it. */
export function CopyField({ id, value, testId, secret }: { id: string; value: string; testId: string; secret?: boolean }) {
  const { t } = useTranslation('integrations');
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      message.success(t('copied'));
    } catch {
      message.warning(t('copyFailed'));
    }
  };
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} readOnly value={value} onFocus={(e) => e.target.select()} data-testid={testId} style={{ fontFamily: secret ? 'monospace' : undefined }} />
      <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid={`${testId}-copy`}>
        {t('copy')}
      </Button>
    </Space.Compact>
  );
}
