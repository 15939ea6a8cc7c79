import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminPassword,
  announceSkip,
  chooseOption,
  expectCount,
  expectText,
  expectVisible,
  fillDate,
  fillField,
  fillOrChoose,
  inputOf,
  numbersIn,
  openMenu,
  screenshot,
  signIn,
  startWorkbench,
  switchUser,
  todayIn,
  toMinor,
  until,
  users,
  type Workbench,
} from './harness.js';

/**
 * The flow in a real browser against the real server on PGlite: sales creates a customer and an order
 * with a 3-instalment plan, confirms it and records a receipt; finance confirms the receipt; sales requests a
 * partial refund; finance approves it; the dashboard figures move by exactly those amounts; English and back.
 * Each step is named, so a failure says which one (and leaves test-results/screenshots/failure-<step>.png).
 *
 * The money: an order of 3 × 1,000.00 CNY in 3 instalments of 1,000.00; a receipt of 3,500.00 pays the whole
 * order (suggested oldest-due-first) and leaves 500.00 as advance; 200.00 of it is refunded (多付).
 */

const skip = announceSkip('the workbench flow');
const timeZone = 'Asia/Shanghai';
const customer = { code: 'C-E2E-001', name: '上海锦程贸易有限公司' };
const product = '软件许可';
const orderTotal = '3000.00';
const receiptAmount = '3500.00';
const advanceLeft = '500.00';
const refundAmount = '200.00';

let wb: Workbench;

beforeAll(async () => {
  if (!skip) wb = await startWorkbench();
}, 180_000);
afterAll(async () => wb?.close());

/** Runs one named step; on failure saves a screenshot and says which step failed. */
async function step(page: Page, name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    await screenshot(page, `failure-${name.replaceAll(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
    (error as Error).message = `step "${name}" failed (URL ${page.url()}): ${(error as Error).message}`;
    throw error;
  }
}

type Kpi = 'receivable' | 'received-month' | 'overdue' | 'advance' | 'refunds-pending';
type Kpis = Partial<Record<Kpi, { text: string; first: string }>>;

/** Opens the dashboard through the menu, waits until its figures are loaded, and reads the KPI cards. */
async function readDashboard(page: Page, which: Kpi[]): Promise<Kpis> {
  // Reload when already there, so the figures are read fresh and data-ready is not the previous load's.
  if (new URL(page.url()).pathname === '/dashboard') await page.reload();
  else await openMenu(page, /^(首页|Dashboard)$/, '/dashboard');
  await page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor({ state: 'visible' });
  const kpis: Kpis = {};
  for (const kpi of which) {
    const text = await page.getByTestId(`kpi-${kpi}`).innerText();
    const first = numbersIn(text)[0];
    if (first === undefined) throw new Error(`kpi-${kpi} shows no figure: ${JSON.stringify(text)}`);
    kpis[kpi] = { text, first };
  }
  return kpis;
}

const minor = (kpis: Kpis, kpi: Kpi) => toMinor(kpis[kpi]!.first);

/**
 * Clicks an action that may ask "are you sure?" first (a Popconfirm or a confirm Modal) and accepts that, then
 * waits for `settled` (which throws until the result shows).
 */
async function clickAndAccept(page: Page, action: Locator, settled: () => Promise<unknown>): Promise<void> {
  await action.click();
  const confirmation = page
    .locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary, .ant-modal-confirm-btns .ant-btn-primary')
    .filter({ visible: true })
    .first();
  const asked = await Promise.race([
    confirmation.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false),
    settled().then(() => false, () => false),
  ]);
  if (asked) await confirmation.click();
  await settled();
}

/** The currency of a select that holds it (data-testid on the Select or around it), set to CNY unless it is. */
async function ensureCny(page: Page, testId: string): Promise<void> {
  const select = page.getByTestId(testId);
  if (/CNY/.test(await select.innerText())) return;
  await chooseOption(page, select, /CNY/);
}

/** The visible input labelled so, when the form has one (optional fields the test fills if the page asks). */
async function optionalField(page: Page, label: RegExp): Promise<Locator | null> {
  const field = page.getByLabel(label);
  return (await field.count()) > 0 && (await field.first().isVisible()) ? field.first() : null;
}

describe.skipIf(skip)('the web workbench in Chromium', () => {
  it('sales and finance carry an order from customer to refund, and the dashboard follows', async () => {
    const { page, baseUrl } = wb;
    const today = todayIn(timeZone);
    let receiptPath = '';

    await step(page, 'sign-in page', async () => {
      await page.goto(`${baseUrl}/`);
      await expectVisible(page.getByTestId('signin-submit'));
      expect(await page.getByLabel('租户').inputValue()).toBe('default');
      await screenshot(page, 'sign-in');
    });

    await step(page, 'sign in as sales', async () => {
      await signIn(page, users.sales.login, users.sales.password);
      await page.waitForURL((url) => url.pathname === '/dashboard');
      await expectText(page.getByTestId('user-menu'), users.sales.displayName);
    });

    await step(page, 'menu by permission', async () => {
      const menu = page.getByRole('navigation');
      for (const label of ['首页', '客户', '订单/合同', '回款', '退款']) await expectVisible(menu.getByRole('link', { name: label, exact: true }));
      // Sales may not read the audit log or change settings: those pages are not offered.
      await expectCount(menu.getByRole('link', { name: '审计日志' }), 0);
      await expectCount(menu.getByRole('link', { name: '设置' }), 0);
    });

    await step(page, 'customers list', async () => {
      await openMenu(page, /^客户$/, '/customers');
      await expectVisible(page.getByRole('columnheader', { name: '应收' }));
      await expectVisible(page.locator('.ant-table-placeholder')); // a fresh tenant: an empty state, not an error
      await screenshot(page, 'customers');
    });

    // ---- Everything below needs the pages being written in parallel (dashboard, customer form, orders, receipts, refunds).

    const before = await (async () => {
      let kpis: Kpis = {};
      await step(page, 'dashboard before', async () => {
        kpis = await readDashboard(page, ['receivable', 'received-month', 'overdue', 'advance']);
        await screenshot(page, 'dashboard');
      });
      return kpis;
    })();

    await step(page, 'create a customer', async () => {
      await openMenu(page, /^客户$/, '/customers');
      await page.getByTestId('customer-new').click();
      const form = page.getByRole('dialog');
      await fillField(form.getByLabel('编号', { exact: true }), customer.code);
      await fillField(form.getByLabel('名称', { exact: true }), customer.name);
      await page.getByTestId('customer-save').click();
      await form.waitFor({ state: 'hidden' });
      if (!/\/customers\/[0-9a-f-]{36}$/.test(page.url())) await page.getByRole('link', { name: customer.name }).click();
      await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
      await expectText(page.getByTestId('customer-detail'), customer.name);
    });

    await step(page, 'create an order', async () => {
      await openMenu(page, /^订单\/合同$/, '/orders');
      await page.getByTestId('order-new').click();
      await page.waitForURL((url) => url.pathname === '/orders/new');
      await chooseOption(page, page.getByLabel('客户', { exact: true }), customer.name, '锦程');
      await ensureCny(page, 'order-currency');
      await fillDate(inputOf(page, 'order-signed-date'), today);
      const title = await optionalField(page, /^(标题|合同名称|订单名称)$/);
      if (title) await fillField(title, '年度软件许可');
      if (!(await optionalField(page, /产品/))) await page.getByTestId('order-line-add').click();
      await fillOrChoose(page, page.getByLabel(/产品/).first(), product);
      await fillField(page.getByLabel(/数量/).first(), '3');
      await fillField(page.getByLabel(/单价/).first(), '1000.00');
      await page.getByTestId('order-save').click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      await expectText(page.getByTestId('order-status'), '草稿');
    });

    await step(page, 'plan of 3 instalments, split evenly', async () => {
      await page.getByTestId('plan-edit').click();
      await fillField(inputOf(page, 'plan-count'), '3');
      await page.getByTestId('plan-split-evenly').click();
      await page.getByTestId('plan-save').click();
      const rows = page.getByTestId('plan-table').locator('tbody tr.ant-table-row');
      await expectCount(rows, 3);
      for (let i = 0; i < 3; i++) await expectText(rows.nth(i), '1,000.00');
      await expectText(rows.first(), today);
    });

    await step(page, 'confirm the order', async () => {
      await clickAndAccept(page, page.getByTestId('order-confirm'), () => expectText(page.getByTestId('order-status'), '已确认'));
      await screenshot(page, 'order-detail');
    });

    await step(page, 'dashboard: the receivable went up by the order total', async () => {
      const now = await readDashboard(page, ['receivable']);
      expect(minor(now, 'receivable')).toBe(minor(before, 'receivable') + toMinor(orderTotal));
    });

    await step(page, 'record a receipt allocated to the order', async () => {
      await openMenu(page, /^回款$/, '/receipts');
      await page.getByTestId('receipt-new').click();
      await page.waitForURL((url) => url.pathname === '/receipts/new');
      await chooseOption(page, page.getByLabel('客户', { exact: true }), customer.name, '锦程');
      await ensureCny(page, 'receipt-currency');
      await fillField(inputOf(page, 'receipt-amount'), receiptAmount);
      const channel = await optionalField(page, /^渠道$/);
      if (channel && (await channel.getAttribute('role')) === 'combobox') await chooseOption(page, channel, '银行转账');
      await fillDate(inputOf(page, 'receipt-date'), today);
      const payer = await optionalField(page, /付款人|付款方/);
      if (payer) await fillField(payer, customer.name);
      await page.getByTestId('receipt-allocate-suggest').click();
      const allocations = page.getByTestId('receipt-allocations');
      await expectText(allocations, '1,000.00');
      await expectText(allocations, advanceLeft); // what remains goes to the advance balance
      await page.getByTestId('receipt-save').click();
      await page.waitForURL(/\/receipts\/[0-9a-f-]{36}$/);
      receiptPath = new URL(page.url()).pathname;
      await expectText(page.getByTestId('receipt-status'), '待确认');
    });

    await step(page, 'dashboard: a receipt awaiting confirmation does not count yet', async () => {
      const now = await readDashboard(page, ['received-month']);
      expect(minor(now, 'received-month')).toBe(minor(before, 'received-month'));
    });

    let financeBefore: Kpis = {};
    await step(page, 'finance confirms the receipt', async () => {
      await switchUser(page, users.finance.login, users.finance.password);
      financeBefore = await readDashboard(page, ['refunds-pending']);
      await page.goto(`${baseUrl}${receiptPath}`);
      await clickAndAccept(page, page.getByTestId('receipt-confirm'), () => expectText(page.getByTestId('receipt-status'), '已确认'));
      await screenshot(page, 'receipt-detail');
    });

    await step(page, 'sales requests a partial refund', async () => {
      await switchUser(page, users.sales.login, users.sales.password);
      await openMenu(page, /^退款$/, '/refunds');
      await page.getByTestId('refund-new').click();
      await page.waitForURL((url) => url.pathname === '/refunds/new');
      await chooseOption(page, page.getByLabel('客户', { exact: true }), customer.name, '锦程');
      await expectText(page.getByTestId('refund-refundable'), advanceLeft);
      await fillField(inputOf(page, 'refund-amount'), refundAmount);
      await chooseOption(page, page.getByLabel(/原因/).first(), '多付');
      const text = await optionalField(page, /说明|备注/);
      if (text) await fillField(text, '客户多付，退回部分');
      await page.getByTestId('refund-submit').click();
      await page.waitForURL((url) => url.pathname !== '/refunds/new');
      await expectVisible(page.getByText('待审批'));
    });

    await step(page, 'finance sees it waiting and approves it', async () => {
      await switchUser(page, users.finance.login, users.finance.password);
      const waiting = await readDashboard(page, ['refunds-pending']);
      const pendingBefore = financeBefore['refunds-pending']!;
      const pendingNow = waiting['refunds-pending']!;
      // The card's figure is the amount awaiting approval (it went up by the refund) or their count (one more).
      if (pendingBefore.first.includes('.')) expect(toMinor(pendingNow.first), pendingNow.text).toBe(toMinor(pendingBefore.first) + toMinor(refundAmount));
      else expect(BigInt(pendingNow.first), pendingNow.text).toBe(BigInt(pendingBefore.first) + 1n);
      await openMenu(page, /^退款$/, '/refunds');
      await page.getByRole('tab', { name: '待我审批' }).click();
      const row = () => page.locator('tr.ant-table-row').filter({ hasText: customer.name }).filter({ hasText: refundAmount });
      await expectCount(row(), 1);
      // Approved, it leaves the inbox.
      await clickAndAccept(page, row().getByTestId('refund-approve'), () => expectCount(row(), 0));
      await page.getByRole('tab', { name: '全部' }).click();
      await expectText(row(), '已批准');
      await screenshot(page, 'refunds');
      const after = await readDashboard(page, ['refunds-pending']);
      expect(after['refunds-pending']!.first).toBe(pendingBefore.first);
    });

    await step(page, 'dashboard: received, receivable and advance moved by exactly the amounts', async () => {
      await switchUser(page, users.sales.login, users.sales.password);
      const after = await readDashboard(page, ['receivable', 'received-month', 'overdue', 'advance']);
      // The receipt paid the order in full, so what is receivable is back where it was.
      expect(minor(after, 'receivable')).toBe(minor(before, 'receivable'));
      expect(minor(after, 'received-month')).toBe(minor(before, 'received-month') + toMinor(receiptAmount));
      expect(minor(after, 'advance')).toBe(minor(before, 'advance') + toMinor(advanceLeft) - toMinor(refundAmount));
      expect(minor(after, 'overdue')).toBe(minor(before, 'overdue'));
    });

    await step(page, 'English and back', async () => {
      const menu = page.getByRole('navigation');
      await page.getByText('English', { exact: true }).click();
      await expectVisible(menu.getByRole('link', { name: 'Dashboard', exact: true }));
      await expectVisible(menu.getByRole('link', { name: 'Customers', exact: true }));
      await until('html lang is en', () => page.locator('html').getAttribute('lang'), (lang) => lang === 'en');
      await page.getByText('中文', { exact: true }).click();
      await expectVisible(menu.getByRole('link', { name: '首页', exact: true }));
      await until('html lang is zh-CN', () => page.locator('html').getAttribute('lang'), (lang) => lang === 'zh-CN');
    });

    await step(page, 'tour as admin: every main page with data', async () => {
      await switchUser(page, 'admin', adminPassword);
      await readDashboard(page, ['receivable']);
      await screenshot(page, 'dashboard');
      await openMenu(page, /^客户$/, '/customers');
      await expectVisible(page.getByRole('link', { name: customer.name }));
      await screenshot(page, 'customers');
      await page.getByRole('link', { name: customer.name }).click();
      await expectText(page.getByTestId('customer-detail'), customer.name);
      await screenshot(page, 'customer-detail');
      await openMenu(page, /^订单\/合同$/, '/orders');
      const orderRow = page.locator('tr.ant-table-row').filter({ hasText: customer.name });
      await expectCount(orderRow, 1);
      await screenshot(page, 'orders');
      await orderRow.getByRole('link').first().click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
      await expectText(page.getByTestId('plan-table'), '已回款');
      await screenshot(page, 'order-detail');
      await openMenu(page, /^回款$/, '/receipts');
      await expectCount(page.locator('tr.ant-table-row').filter({ hasText: '3,500.00' }), 1);
      await screenshot(page, 'receipts');
      await openMenu(page, /^设置$/, '/settings');
      await expectVisible(page.getByRole('tab'));
      await screenshot(page, 'settings');
      await openMenu(page, /^审计日志$/, '/audit');
      await expectVisible(page.locator('tr.ant-table-row'));
      await page.getByTestId('audit-verify').click();
      await screenshot(page, 'audit');
    });
  }, 240_000);

  it('finance exports the receipts as XLSX from the server, under its Chinese name', async () => {
    const { page, baseUrl } = wb;
    await step(page, 'export receipts', async () => {
      await page.goto(`${baseUrl}/`);
      await page.locator('[data-testid="signin-submit"], [data-testid="user-menu"]').first().waitFor({ state: 'visible' });
      await switchUser(page, users.finance.login, users.finance.password);
      await openMenu(page, /^回款$/, '/receipts');
      await page.getByTestId('list-export').hover();
      const downloading = page.waitForEvent('download');
      await page.getByRole('menuitem', { name: '导出 Excel' }).click();
      const file = await downloading;
      // The server names it (Content-Disposition filename*, RFC 5987).
      expect(file.suggestedFilename()).toMatch(/^收款-\d{4}-\d{2}-\d{2}\.xlsx$/);
      expect(readFileSync((await file.path())!).subarray(0, 2).toString()).toBe('PK');
    });
  });
});
