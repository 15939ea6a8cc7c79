import { Select, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../api/client';
import type { Customer } from '../api/types';

interface Common {
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** One customer (the default), or several with mode="multiple" (report filters). */
type Props = Common & (
  | { mode?: undefined; value?: string; onChange?: (id: string | undefined, customer?: Customer) => void }
  | { mode: 'multiple'; value?: string[]; onChange?: (ids: string[]) => void }
);

/**
 * Picks one of the customers the user may see, searching the server by name or code as they type (debounced),
 * so it works the same with 20 customers or 100,000. Usable inside a Form.Item (value/onChange).
 */
export function CustomerSelect(props: Props) {
  const { id, placeholder, allowClear, style } = props;
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

  // Values set from outside (a link with ?customer=, a saved report) that are not among the options yet.
  const chosen = props.mode === 'multiple' ? (props.value ?? []) : props.value ? [props.value] : [];
  const missing = chosen.filter((value) => !options.some((c) => c.id === value)).join(',');
  useEffect(() => {
    for (const value of missing ? missing.split(',') : []) {
      api.get<Customer>(`/customers/${value}`).then((c) => setOptions((list) => (list.some((x) => x.id === c.id) ? list : [c, ...list])), () => undefined);
    }
  }, [missing]);

  const onChange = (next: string | string[] | undefined) => {
    if (props.mode === 'multiple') props.onChange?.((next as string[] | undefined) ?? []);
    else props.onChange?.(next as string | undefined, options.find((c) => c.id === next));
  };

  return (
    <Select
      id={id}
      mode={props.mode}
      aria-label={props['aria-label'] ?? placeholder ?? t('common:field.customer')}
      showSearch={{ filterOption: false, onSearch: search }}
      value={props.value}
      placeholder={placeholder ?? t('common:field.customer')}
      allowClear={allowClear}
      notFoundContent={loading ? <Spin size="small" /> : t('common:list.empty')}
      onChange={onChange}
      options={options.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
      style={{ minWidth: 240, ...style }}
    />
  );
}
