import type { TFunction } from 'i18next';
import { api, ApiError } from '../../api/client';
import type { ResponseJson } from '../../api/openapi-types';
import { describeError } from '../../shared/errors';

const names = new Map<string, Promise<string>>();

/** The display name of a user (who entered, confirmed, requested …), fetched once per id and page load. */
export function userName(id: string): Promise<string> {
  let name = names.get(id);
  if (!name) {
    name = api.get<ResponseJson<'get', '/users/{id}'>>(`/users/${id}`).then(
      (u) => (u.displayName ? `${u.displayName} (${u.login})` : u.login),
      () => id.slice(0, 8),
    );
    names.set(id, name);
  }
  return name;
}

/** A refusal in plain words; "self-approval" reads as what it is for a receipt: someone else must confirm it. */
export function receiptError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'self_approval_forbidden') return t('receipts:error.selfConfirm');
  return describeError(t, error);
}
