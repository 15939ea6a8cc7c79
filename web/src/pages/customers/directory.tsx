import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, type Page } from '../../api/client';
import type { Department, DirectoryUser } from '../../api/customers';

/**
 * The tenant's users and departments, for owner and department pickers and for showing names instead of ids.
 * Loaded once per page load (the directory changes rarely) and shared by the customer and order pages.
 */
interface Directory {
  users: DirectoryUser[];
  departments: Department[];
  userName: (id: string | null | undefined) => string;
  departmentName: (id: string | null | undefined) => string;
}

let cached: Promise<{ users: DirectoryUser[]; departments: Department[] }> | null = null;

async function loadAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await api.get<Page<T>>(path, { limit: 200, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && items.length < 2000);
  return items;
}

function fetchDirectory() {
  cached ??= Promise.all([loadAll<DirectoryUser>('/users').catch(() => []), loadAll<Department>('/departments').catch(() => [])]).then(([users, departments]) => ({ users, departments }));
  return cached;
}

export function useDirectory(): Directory {
  const [data, setData] = useState<{ users: DirectoryUser[]; departments: Department[] }>({ users: [], departments: [] });
  useEffect(() => {
    let live = true;
    void fetchDirectory().then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, []);
  return useMemo(
    () => ({
      ...data,
      userName: (id: string | null | undefined) => (id ? (data.users.find((u) => u.id === id)?.displayName ?? '…') : '—'),
      departmentName: (id: string | null | undefined) => (id ? (data.departments.find((d) => d.id === id)?.name ?? '…') : '—'),
    }),
    [data],
  );
}

interface PickerProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

/** A searchable, clearable pick of one id among `options` (null when cleared), usable inside a Form.Item. */
function IdSelect({ value, onChange, options, ...rest }: PickerProps & { options: { value: string; label: string }[] }) {
  return (
    <Select
      {...rest}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      style={{ minWidth: 180, ...rest.style }}
    />
  );
}

/** The owner: the tenant's users (disabled ones only when already chosen). */
export function OwnerSelect(props: PickerProps) {
  const { users } = useDirectory();
  return <IdSelect {...props} options={users.filter((u) => !u.disabled || u.id === props.value).map((u) => ({ value: u.id, label: `${u.displayName} (${u.login})` }))} />;
}

export function DepartmentSelect(props: PickerProps) {
  const { departments } = useDirectory();
  return <IdSelect {...props} options={departments.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))} />;
}
