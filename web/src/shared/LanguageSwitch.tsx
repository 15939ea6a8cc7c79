import { Segmented } from 'antd';
import type { Language } from '../i18n';

/** 中文 | English: each language named in itself, so anyone can find their own. */
export function LanguageSwitch({ value, onChange, label }: { value: Language; onChange: (language: Language) => void; label: string }) {
  return (
    <Segmented<Language>
      aria-label={label}
      size="small"
      value={value}
      onChange={onChange}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
