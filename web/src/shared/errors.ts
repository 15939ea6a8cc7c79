import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/** A problem in plain words, in the user's language; the server's own message when we have no translation. */
export function describeError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    const key = `common:error.${error.code}`;
    if (error.code === 'internal_error') return t(key, { instance: error.detail ?? '' });
    if (i18nHas(t, key)) return t(key);
    return error.detail ?? t('common:error.unknown', { code: error.code });
  }
  return error instanceof Error ? error.message : String(error);
}

function i18nHas(t: TFunction, key: string): boolean {
  return t(key, { defaultValue: '\u0000' }) !== '\u0000';
}

/** 'lines[0].amount' → ['lines', 0, 'amount'], the name path Ant Design forms use. */
export function fieldNamePath(field: string): (string | number)[] {
  return field.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each field error from the server beside its field. Returns true when at least one matched a field of
 * this form, so the caller shows only a summary above the form, not the same message twice.
 */
export function showFieldErrors(form: FormInstance, t: TFunction, error: unknown, fieldMap: Record<string, string | (string | number)[]> = {}): boolean {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
  const fields = error.fieldErrors
    .map((fieldError) => {
      const mapped = fieldMap[fieldError.field];
      const name = mapped === undefined ? fieldNamePath(fieldError.field) : Array.isArray(mapped) ? mapped : fieldNamePath(mapped);
      const message = i18nHas(t, `common:error.${fieldError.code}`) && fieldError.code !== 'validation_failed' ? t(`common:error.${fieldError.code}`) : fieldError.message;
      return { name, errors: [message] };
    })
    .filter((field) => known.has(String(field.name[0])));
  form.setFields(fields);
  return fields.length > 0;
}
