import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import common from './common';
import signIn from '../pages/sign-in/i18n';
import dashboard from '../pages/dashboard/i18n';
import customers from '../pages/customers/i18n';
import orders from '../pages/orders/i18n';
import receipts from '../pages/receipts/i18n';
import refunds from '../pages/refunds/i18n';
import settings from '../pages/settings/i18n';
import audit from '../pages/audit/i18n';
import integrations from '../pages/integrations/i18n';
import gatewayEvents from '../pages/gateway-events/i18n';
import reconciliation from '../pages/reconciliation/i18n';
import imports from '../pages/imports/i18n';
import alerts from '../pages/alerts/i18n';
import notifications from '../pages/notifications/i18n';
import reportTemplates from '../pages/report-templates/i18n';
import reports from '../pages/reports/i18n';

/**
 * Every string the user sees comes from here: one namespace per feature, each file holding zh-CN and en side
 * by side so a missing translation shows in review (and `test/web/i18n.test.ts` fails on a key in one language
 * only). Chinese is the default; the choice is remembered in localStorage.
 */
export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const bundles = { common, signIn, dashboard, customers, orders, receipts, refunds, settings, audit, integrations, gatewayEvents, reconciliation, imports, notifications, alerts, reportTemplates, reports };
export const namespaces = Object.keys(bundles);

const storageKey = 'kx.lang';

export function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(storageKey);
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(storageKey, language);
  document.documentElement.lang = language;
}

void i18n.use(initReactI18next).init({
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  ns: namespaces,
  defaultNS: 'common',
  resources: {
    'zh-CN': Object.fromEntries(Object.entries(bundles).map(([ns, bundle]) => [ns, bundle.zh])),
    en: Object.fromEntries(Object.entries(bundles).map(([ns, bundle]) => [ns, bundle.en])),
  },
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
