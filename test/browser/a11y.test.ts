import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminPassword,
  announceSkip,
  axe,
  describeViolations,
  expectVisible,
  initialJavaScriptGzipBytesMax,
  scriptsFetchedBy,
  signIn,
  startWorkbench,
  until,
  type Workbench,
} from './harness.js';

/**
 * The main pages through axe-core (WCAG 2 A and AA rules) in both languages: no serious or critical violation.
 * And the one speed figure that is deterministic, so it can be a test: the JavaScript the first page load
 * fetches, gzipped, stays within the 500 KB (the timing figures live in `npm run bench:web`).
 */

const skip = announceSkip('the accessibility check and the initial JavaScript size');
const languages = [
  { code: 'zh-CN', segment: '中文' },
  { code: 'en', segment: 'English' },
] as const;
const pages = [
  { name: 'dashboard', path: '/dashboard' },
  { name: 'customers', path: '/customers' },
  { name: 'orders', path: '/orders' },
  { name: 'receipts', path: '/receipts' },
  { name: 'refunds', path: '/refunds' },
  { name: 'settings', path: '/settings' },
  { name: 'audit', path: '/audit' },
  { name: 'integrations', path: '/settings/integrations' },
  { name: 'gateway events', path: '/gateway-events' },
  { name: 'reconciliation', path: '/reconciliation' },
  { name: 'column mappings', path: '/reconciliation/mappings' },
  { name: 'imports', path: '/imports' },
  { name: 'import wizard', path: '/imports/new' },
  { name: 'reports', path: '/reports' },
  { name: 'reports aging', path: '/reports?tab=aging' },
  { name: 'report templates', path: '/reports/templates' },
] as const;

let wb: Workbench;

beforeAll(async () => {
  if (!skip) wb = await startWorkbench();
}, 180_000);
afterAll(async () => wb?.close());

/** Switches the language with the switch on the page, unless it is already the one. */
async function useLanguage(language: (typeof languages)[number]): Promise<void> {
  const { page } = wb;
  if ((await page.locator('html').getAttribute('lang')) === language.code) return;
  await page.getByText(language.segment, { exact: true }).click();
  await until(`html lang is ${language.code}`, () => page.locator('html').getAttribute('lang'), (lang) => lang === language.code);
}

/** Waits until the page shows its data: no spinner or skeleton left, the dashboard's figures loaded. */
async function settled(): Promise<void> {
  const { page } = wb;
  await page.waitForLoadState('networkidle');
  if ((await page.getByTestId('dashboard').count()) > 0) await expectVisible(page.locator('[data-testid="dashboard"][data-ready="true"]'));
  await until('no spinner or skeleton left', () => page.locator('.ant-spin-spinning, .ant-skeleton-active').filter({ visible: true }).count(), (n) => n === 0);
}

async function check(label: string): Promise<void> {
  await settled();
  const violations = await axe(wb.page);
  expect(violations, `serious or critical accessibility violations on ${label}:\n${describeViolations(violations)}`).toEqual([]);
}

describe.skipIf(skip)('the workbench in Chromium', () => {
  it(`fetches at most ${initialJavaScriptGzipBytesMax / 1024} KB of JavaScript (gzip) on the first page load`, async () => {
    const { page, baseUrl } = wb;
    const scripts = await scriptsFetchedBy(page, `${baseUrl}/`, () => expectVisible(page.getByTestId('signin-submit')));
    const gzipBytes = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
    const listing = scripts.map((s) => `  ${s.url}: ${(s.bytes / 1024).toFixed(1)} KB, ${(s.gzipBytes / 1024).toFixed(1)} KB gzip`).join('\n');
    console.log(`[browser] initial JavaScript: ${(gzipBytes / 1024).toFixed(1)} KB gzip in ${scripts.length} files (target ≤ ${initialJavaScriptGzipBytesMax / 1024} KB)\n${listing}`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(gzipBytes, `initial JavaScript over the budget:\n${listing}`).toBeLessThanOrEqual(initialJavaScriptGzipBytesMax);
  });

  for (const language of languages) {
    it(`the sign-in page has no serious accessibility violations (${language.code})`, async () => {
      const { page, baseUrl } = wb;
      if (!(await page.getByTestId('signin-submit').isVisible())) await page.goto(`${baseUrl}/`);
      await expectVisible(page.getByTestId('signin-submit'));
      await useLanguage(language);
      await check(`the sign-in page (${language.code})`);
    });
  }

  for (const language of languages) {
    describe(`signed in as admin, ${language.code}`, () => {
      for (const target of pages) {
        it(`${target.name} has no serious accessibility violations`, async () => {
          const { page, baseUrl } = wb;
          await page.goto(`${baseUrl}${target.path}`);
          // The app asks the server who is signed in first: wait for its answer, the sign-in page or the layout.
          await expectVisible(page.locator('[data-testid="signin-submit"], [data-testid="user-menu"]'));
          if (await page.getByTestId('signin-submit').isVisible()) await signIn(page, 'admin', adminPassword);
          await expectVisible(page.getByTestId('user-menu'));
          await useLanguage(language);
          await check(`${target.path} (${language.code})`);
        });
      }
    });
  }
});
