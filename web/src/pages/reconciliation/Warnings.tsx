import { Alert, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { StatementWarning } from '../../api/statements';

/**
 * A statement's warnings in words, each with its figures (opening, lines, closing …) as the parser gave them,
 * so "不平衡" says by how much and where, not only that.
 */
export function StatementWarnings({ warnings }: { warnings: StatementWarning[] }) {
  const { t } = useTranslation('reconciliation');
  if (warnings.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="statement-warnings">
      {warnings.map((w, i) => (
        <Alert
          key={`${w.code}-${i}`}
          type="warning"
          showIcon
          title={
            <span>
              <strong>{t(`warning.${w.code}`, { defaultValue: w.code })}</strong>
              {w.position !== undefined && ` · ${t('warning.at', { position: w.position })}`}
              {' — '}
              {w.message}
            </span>
          }
          description={
            w.details && Object.keys(w.details).length > 0 ? (
              <span style={{ fontVariantNumeric: 'tabular-nums' }}>
                {Object.entries(w.details)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </span>
            ) : undefined
          }
        />
      ))}
    </Space>
  );
}
