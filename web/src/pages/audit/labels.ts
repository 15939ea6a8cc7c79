import type { TFunction } from 'i18next';
import strings from './i18n';

type Nested = { [key: string]: string | Nested };

function codes(tree: Nested, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : codes(value, `${prefix}${key}.`)));
}

/** The actions this version of the app can name (the filter suggests them; any other code can still be typed). */
export const actionCodes = codes(strings.zh.action as Nested).sort();
export const entityTypes = Object.keys(strings.zh.entity).sort();

export function actionLabel(t: TFunction, action: string): string {
  return t(`audit:action.${action}`, { defaultValue: action });
}

export function entityLabel(t: TFunction, type: string): string {
  return t(`audit:entity.${type}`, { defaultValue: type });
}
