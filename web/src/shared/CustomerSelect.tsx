import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api/client';
import type { Customer } from '../api/types';

interface Props {
  value?: string;
  onChange?: (id: string | undefined, customer?: Customer) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/**
 * Picks one of the customers the user may see, searching the server by name or code as they type (debounced),
 * so it works the same with 20 customers or 100,000. Usable inside a Form.Item (value/onChange).
 */
export function CustomerSelect({ value, onChange, id, placeholder, allowClear, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Customer[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);

  const search = (q: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        const page = await api.get<Page<Customer>>('/customers', { q, limit: 20 });
        if (ticket === latest.current) setOptions(page.items);
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    }, 250);
  };

  useEffect(() => {
    search('');
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
    // The first list once; later lists follow what is typed.
    // (search is stable in behaviour; it reads only refs and setters)
  }, []);

  // A value set from outside (e.g. a link with ?customer=) that is not among the options yet.
  useEffect(() => {
    if (value && !options.some((c) => c.id === value)) {
      api.get<Customer>(`/customers/${value}`).then((c) => setOptions((list) => (list.some((x) => x.id === c.id) ? list : [c, ...list])), () => undefined);
    }
  }, [value, options]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label'] ?? placeholder ?? t('common:field.customer')}
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      placeholder={placeholder ?? t('common:field.customer')}
      allowClear={allowClear}
      notFoundContent={loading ? <Spin size="small" /> : t('common:list.empty')}
      onChange={(next: string | undefined) => onChange?.(next, options.find((c) => c.id === next))}
      options={options.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
      style={{ minWidth: 240, ...style }}
    />
  );
}
