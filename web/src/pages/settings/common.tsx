import { App, type FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi, type AdminUser, type Department, type Role } from '../../api/admin';
import { useSession } from '../../auth/session';
import { describeError, showFieldErrors } from '../../shared/errors';
import { useLoad } from '../../shared/useLoad';

/** An instant (ISO) as the tenant's clock shows it, in the user's language. */
export function useInstant(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const { tenant } = useSession();
  return (iso) => (iso ? new Date(iso).toLocaleString(i18n.language, { timeZone: tenant.timeZone }) : '—');
}

export interface DepartmentNode {
  value: string;
  title: string;
  key: string;
  children: DepartmentNode[];
  department: Department;
}

/** The flat list as a tree (by parentId), each level by code; `exclude` leaves out a department and all below it. */
export function departmentTree(departments: Department[], exclude?: string): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const d of departments) nodes.set(d.id, { value: d.id, key: d.id, title: `${d.name} (${d.code})`, children: [], department: d });
  const roots: DepartmentNode[] = [];
  for (const d of [...departments].sort((a, b) => a.code.localeCompare(b.code))) {
    if (d.id === exclude) continue;
    const parent = d.parentId ? nodes.get(d.parentId) : undefined;
    if (parent) parent.children.push(nodes.get(d.id)!);
    else roots.push(nodes.get(d.id)!);
  }
  // The excluded department is in no parent's children, so its whole subtree is unreachable from the roots.
  return roots;
}

/** Roles, departments and users the settings tabs name things by; each list loads only when permitted. */
export function useDirectory(want: { roles?: boolean; departments?: boolean; users?: boolean }) {
  const roles = useLoad<Role[]>(() => (want.roles ? adminApi.allRoles() : Promise.resolve([])), [want.roles]);
  const departments = useLoad<Department[]>(() => (want.departments ? adminApi.allDepartments() : Promise.resolve([])), [want.departments]);
  const users = useLoad<AdminUser[]>(() => (want.users ? adminApi.allUsers() : Promise.resolve([])), [want.users]);
  return { roles, departments, users };
}

export function departmentName(t: TFunction, departments: Department[] | null, id: string | null): string {
  if (!id) return t('settings:users.noDepartment');
  return departments?.find((d) => d.id === id)?.name ?? id;
}

/**
 * Submitting a settings form: checks the fields, calls the server, puts the server's field errors beside their
 * fields (with a summary above the form) or, when none match a field, the problem in plain words above it.
 */
export function useFormSubmit<V>(form: FormInstance<V>) {
  const { t } = useTranslation('settings');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (action: (values: V) => Promise<unknown>, checked?: V) => {
    let values: V;
    try {
      values = checked ?? (await form.validateFields());
    } catch {
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await action(values);
    } catch (error) {
      setFailure(showFieldErrors(form, t, error) ? t('common:error.validation_failed') : describeError(t, error));
    } finally {
      setSaving(false);
    }
  };
  return { saving, failure, submit };
}

/** A one-click action on a row (disable, revoke, close …): its outcome as a message, then the list again. */
export function useRowAction() {
  const { t } = useTranslation('settings');
  const { message } = App.useApp();
  const [reloadToken, setReloadToken] = useState(0);
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      setReloadToken((n) => n + 1);
    } catch (error) {
      message.error(describeError(t, error));
    }
  };
  return { run, reloadToken, reload: () => setReloadToken((n) => n + 1) };
}
