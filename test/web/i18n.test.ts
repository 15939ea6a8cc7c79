import { describe, expect, it } from 'vitest';
import common from '../../web/src/i18n/common.js';
import signIn from '../../web/src/pages/sign-in/i18n.js';
import dashboard from '../../web/src/pages/dashboard/i18n.js';
import customers from '../../web/src/pages/customers/i18n.js';
import orders from '../../web/src/pages/orders/i18n.js';
import receipts from '../../web/src/pages/receipts/i18n.js';
import refunds from '../../web/src/pages/refunds/i18n.js';
import settings from '../../web/src/pages/settings/i18n.js';
import audit from '../../web/src/pages/audit/i18n.js';
import integrations from '../../web/src/pages/integrations/i18n.js';
import gatewayEvents from '../../web/src/pages/gateway-events/i18n.js';
import reconciliation from '../../web/src/pages/reconciliation/i18n.js';
import imports from '../../web/src/pages/imports/i18n.js';
import reportTemplates from '../../web/src/pages/report-templates/i18n.js';
import reports from '../../web/src/pages/reports/i18n.js';
import type { Strings } from '../../web/src/i18n/bundle.js';
import { statusByCode } from '../../src/adapters/http/problem.js';

const bundles = { common, signIn, dashboard, customers, orders, receipts, refunds, settings, audit, integrations, gatewayEvents, reconciliation, imports, reportTemplates, reports };

function leaves(strings: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('web strings: every text in both languages', () => {
  for (const [name, bundle] of Object.entries(bundles)) {
    it(`${name}: the same keys in zh-CN and en, none empty, the same {{placeholders}}`, () => {
      const zh = leaves(bundle.zh);
      const en = leaves(bundle.en as Strings);
      expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const [key, text] of zh) {
        expect(text.trim(), `${name}:${key} (zh-CN) is empty`).not.toBe('');
        expect(en.get(key)!.trim(), `${name}:${key} (en) is empty`).not.toBe('');
        expect(placeholders(en.get(key)!), `${name}:${key} placeholders`).toEqual(placeholders(text));
      }
    });
  }

  it('zh-CN texts are Chinese where English ones are English (no untranslated copies of long texts)', () => {
    for (const [name, bundle] of Object.entries(bundles)) {
      const zh = leaves(bundle.zh);
      const en = leaves(bundle.en as Strings);
      for (const [key, text] of zh) {
        // Short codes and product names (CSV, Stripe, Excel) may be the same in both languages; sentences may not.
        if (text.length > 12 && /[a-z]{4,}/i.test(text) && !/[\u4e00-\u9fff]/.test(text)) {
          expect.fail(`${name}:${key} (zh-CN) looks untranslated: ${text}`);
        }
        // English may quote the Chinese term ("advance (预收)"), but a text with no English words in it is a copy.
        const english = en.get(key)!;
        if (/[\u4e00-\u9fff]/.test(english) && !/[a-z]{3,}/i.test(english)) expect.fail(`${name}:${key} (en) looks untranslated: ${english}`);
      }
    }
  });

  it('every error code the API can answer with has words for people in both languages', () => {
    const zh = leaves(common.zh);
    // Plus the codes the HTTP layer itself answers with (rate limit, unexpected failure).
    const codes = [...Object.keys(statusByCode), 'too_many_requests', 'internal_error'];
    const missing = codes.filter((code) => !zh.has(`error.${code}`));
    expect(missing).toEqual([]);
  });
});
