import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../e2e/server-process.js';

/**
 * The browser tests' world: the web app built, the real server (`src/server.ts`, as `npm start` runs it) on a
 * fresh embedded PGlite data directory, a sales and a finance user made through the API, and Debian's Chromium
 * driven by playwright-core with a fresh profile. Helpers speak the data-testid contract and visible labels.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
export const chromiumPath = '/usr/bin/chromium';
export const adminPassword = 'Admin-pass-1234!';
export const users = {
  sales: { login: 'sales1', password: 'Sales-pass-5678!', displayName: '李销售' },
  finance: { login: 'finance1', password: 'Finance-pass-9012!', displayName: '王财务' },
} as const;
export const screenshotDir = join(root, 'test-results', 'screenshots');
export const docsScreenshotDir = join(root, 'docs', 'screenshots');
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Why the browser tests do not run here, or undefined when they do. They need the embedded database (the
 * issue asks for PGlite; the PostgreSQL pass has nothing to add for a browser) and Chromium. On CI a missing
 * Chromium is a failure, not a skip: `.ci/run` installs it.
 */
export function browserSkipReason(): string | undefined {
  if (process.env.KX_TEST_DATABASE_URL) return 'browser tests run in the PGlite pass only (KX_TEST_DATABASE_URL is set)';
  if (!existsSync(chromiumPath) && process.env.CI !== 'true') return `no Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk)`;
  return undefined;
}

export function announceSkip(suite: string): string | undefined {
  const reason = browserSkipReason();
  if (reason) console.warn(`[browser] skipping ${suite}: ${reason}`);
  return reason;
}

// ---------------------------------------------------------------- build, server, users

/** `node scripts/build-web.mjs` (a no-op when web/dist is current), one process at a time across test files. */
export async function buildWeb(): Promise<void> {
  const lock = join(root, 'web', '.build-lock');
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than any build is left by a run that was killed mid-build: take it over.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`web build lock ${lock} held for 3 minutes; remove it if no build runs`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, ['scripts/build-web.mjs'], { cwd: root, timeout: 170_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`web build failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
      );
    });
  } finally {
    rmdirSync(lock);
  }
}

/** A signed-in API client (cookie + CSRF header), for setting up what the test is not about. */
export class ApiSession {
  private constructor(
    readonly baseUrl: string,
    readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async signIn(baseUrl: string, tenant: string, login: string, password: string): Promise<ApiSession> {
    const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, login, password }),
    });
    if (!response.ok) throw new Error(`sign-in of ${login} failed: ${response.status} ${await response.text()}`);
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new ApiSession(baseUrl, cookie, csrfToken);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }
}

export interface Workbench {
  server: RunningServer;
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  admin: ApiSession;
  /** Server output so far, for failure messages. */
  log: () => string;
  close: () => Promise<void>;
}

/**
 * Everything a browser test needs, fresh: build, server on a new data directory (admin password known, rate
 * limit out of the way), department "华东销售部" with sales1 (role sales) in it, finance1 (role finance), a
 * product, and Chromium with a new profile at a laptop-sized window, in Chinese and the tenant's time zone.
 */
export async function startWorkbench(): Promise<Workbench> {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium is missing at ${chromiumPath}: on CI, .ci/run installs it (apt-get install chromium fonts-noto-cjk)`);
  await buildWeb();
  const dataDir = mkdtempSync(join(tmpdir(), 'kx-browser-data-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'kx-browser-profile-'));
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  try {
    server = await startServer({ KX_DATA_DIR: dataDir, KX_ADMIN_PASSWORD: adminPassword, KX_RATE_LIMIT_PER_MINUTE: '100000' });
    const baseUrl = server.baseUrl.replace('://[::1]', '://127.0.0.1').replace('://0.0.0.0', '://127.0.0.1');
    const admin = await ApiSession.signIn(baseUrl, 'default', 'admin', adminPassword);
    const department = await admin.post<{ id: string }>('/departments', { code: 'EAST', name: '华东销售部' });
    await admin.post('/users', { login: users.sales.login, displayName: users.sales.displayName, role: 'sales', departmentId: department.id, password: users.sales.password });
    await admin.post('/users', { login: users.finance.login, displayName: users.finance.displayName, role: 'finance', password: users.finance.password });
    await admin.post('/products', { code: 'SW-LIC', name: '软件许可', unit: '套' });
    context = await launchChromium(profileDir);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(waitMs);
    const running = server;
    const browser = context;
    return {
      server,
      baseUrl,
      context,
      page,
      admin,
      log: () => running.output(),
      close: async () => {
        await browser.close().catch(() => undefined);
        await running.stop('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await context?.close().catch(() => undefined);
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Debian's Chromium with a fresh profile. `launchPersistentContext(dir)` is the way to give it one: Chromium
 * ignores `--user-data-dir` passed through `args` under playwright (see DESIGN.md).
 */
export function launchChromium(profileDir: string, options: { reducedMotion?: 'reduce' | 'no-preference' } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Tests ask for reduced motion (the app then turns Ant Design's animations off), so a click never lands on
    // a dropdown still sliding open on a loaded CI machine. The speed bench measures the full experience.
    reducedMotion: options.reducedMotion ?? 'reduce',
  });
}

// ---------------------------------------------------------------- page helpers

/** Signs in through the sign-in page (labels in either language) and waits for the layout. */
export async function signIn(page: Page, login: string, password: string, tenant = 'default'): Promise<void> {
  await page.getByLabel(/^(租户|Tenant)$/).fill(tenant);
  await page.getByLabel(/^(账号|Login)$/).fill(login);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('user-menu').waitFor({ state: 'visible' });
}

/** Signs out through the user menu and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Sign out/ }).click();
  await page.getByTestId('signin-submit').waitFor({ state: 'visible' });
}

/** Signs out if someone is signed in, then signs in as `login`. */
export async function switchUser(page: Page, login: string, password: string): Promise<void> {
  if (await page.getByTestId('user-menu').isVisible()) await signOut(page);
  await signIn(page, login, password);
}

/** A full-page screenshot to test-results/screenshots, and with KX_UPDATE_SCREENSHOTS=1 to docs/screenshots. */
export async function screenshot(page: Page, name: string): Promise<void> {
  // Let spinners, charts and the fonts settle: the picture is for people.
  await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true)).catch(() => undefined);
  // A passing "saved" toast is not what the picture is about (antd's messages last 3 s).
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
  await page.waitForTimeout(300);
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  if (process.env.KX_UPDATE_SCREENSHOTS === '1') {
    mkdirSync(docsScreenshotDir, { recursive: true });
    await page.screenshot({ path: join(docsScreenshotDir, `${name}.png`), fullPage: true });
  }
}

let axeScript: string | undefined;
const axeSource = () => (axeScript ??= readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2 A/AA rules on the page as it is now; only serious and critical violations are returned. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // The callbacks run in the page; this file is compiled without the DOM types, hence globalThis.
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated rather than added as a <script> tag: the app's Content-Security-Policy (script-src 'self') rightly
  // blocks inline scripts, and the check should see the app as served, CSP included (no bypassCSP).
  if (!loaded) await page.evaluate(`${axeSource()}\n;void 0`);
  return page.evaluate(async () => {
    interface AxeResult { violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] }
    const page = globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<AxeResult> }; document: unknown };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact!, help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
}

/** One line per violation, for an assertion message a person can act on. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.targets.slice(0, 5).join(', ')}${v.targets.length > 5 ? ` … ${v.targets.length} in all` : ''}`).join('\n');
}

/** Opens a page through its menu link (the way a person does), waiting for the URL (or a sub-page: /settings/tenant). */
export async function openMenu(page: Page, label: RegExp, path: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: label }).click();
  await page.waitForURL((url) => url.pathname === path || url.pathname.startsWith(`${path}/`));
}

/** The input behind a data-testid: the element itself when it is one, else the first input inside it. */
export function inputOf(page: Page | Locator, testId: string): Locator {
  const target = page.getByTestId(testId);
  return target.locator('xpath=self::input | self::textarea').or(target.locator('input, textarea').first()).first();
}

/** Types into a field, replacing what it held. */
export async function fillField(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.fill(value);
}

/**
 * A date in an Ant Design DatePicker: nothing when it already shows that date (forms default to today), else
 * type YYYY-MM-DD (the picker takes typed text in its format) and leave with Tab. Not Enter: inside a Form,
 * Enter also submits the form.
 */
export async function fillDate(field: Locator, date: string): Promise<void> {
  if ((await field.inputValue()) === date) return;
  await fillField(field, date);
  await field.press('Tab');
  await until(`date field shows ${date}`, () => field.inputValue(), (value) => value === date);
}

/**
 * Chooses an option of an Ant Design Select. The elements with role="option" are antd's hidden accessibility
 * copies (0×0, three around the active one); the visible, clickable ones are `.ant-select-item-option` in the
 * open dropdown. `search` types first (server-searched selects such as CustomerSelect).
 */
export async function chooseOption(page: Page, select: Locator, option: string | RegExp, search?: string): Promise<void> {
  const openList = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const item = openList.locator('.ant-select-item-option').filter({ hasText: option }).first();
  // A form that is still settling (a page that loads, then re-renders its form), a server-searched select
  // whose answer replaces its options after a debounce, or a list re-rendering under load can swallow the
  // click, the typed text or the chosen option: open, search and choose again, a few times, before giving up.
  for (let attempt = 1; ; attempt++) {
    try {
      if (!(await openList.isVisible())) {
        await select.click();
        if (search !== undefined) {
          const isInput = await select.evaluate((el) => el.tagName === 'INPUT');
          if (isInput) await select.fill(search);
          else await page.keyboard.type(search, { delay: 20 });
          await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
        }
      }
      await item.waitFor({ state: 'visible', timeout: attempt < 6 ? 8_000 : waitMs });
      await item.click({ timeout: 3_000 });
      await openList.waitFor({ state: 'hidden', timeout: 3_000 });
      // A list that closed is not yet a choice made (a click on an option being replaced closes it empty):
      // the select itself must now show the option.
      const shown = await select.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]').innerText();
      if (typeof option === 'string' ? shown.includes(option) : option.test(shown)) return;
      throw new Error(`the select shows ${JSON.stringify(shown)}, not ${String(option)}`);
    } catch (error) {
      if (attempt >= 6) throw error;
      await page.keyboard.press('Escape');
      await openList.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
    }
  }
}

/** A text field or a select with that label: fills the one, chooses the first matching option of the other. */
export async function fillOrChoose(page: Page, field: Locator, text: string): Promise<void> {
  if ((await field.getAttribute('role')) === 'combobox') await chooseOption(page, field, text, text);
  else await fillField(field, text);
}

// ---------------------------------------------------------------- waiting for what a person would see

/** How long a step may wait for the page (generous: CI runs the rest of the suite beside the browser). */
export const waitMs = 15_000;

/** Reads until `ok` holds or the time is up; the error says what was expected and what was last seen. */
export async function until<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = waitMs): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      failure = undefined;
      if (ok(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not so after ${timeoutMs} ms; last seen ${JSON.stringify(last)}${failure ? ` (${(failure as Error).message.split('\n')[0]})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const textOf = (locator: Locator) => locator.innerText({ timeout: 1_000 });

/** Waits until the element's visible text contains `text` (or matches it). */
export async function expectText(locator: Locator, text: string | RegExp): Promise<string> {
  const matches = (value: string) => (typeof text === 'string' ? value.includes(text) : text.test(value));
  return until(`${locator} shows ${String(text)}`, () => textOf(locator), matches);
}

/** Waits until the locator matches exactly `n` elements. */
export async function expectCount(locator: Locator, n: number): Promise<void> {
  await until(`${locator} matches ${n} element(s)`, () => locator.count(), (count) => count === n);
}

/** Waits until the (first) element is visible. */
export async function expectVisible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: waitMs });
}

// ---------------------------------------------------------------- figures

/** The numbers in a text, commas dropped ("¥3,500.00 · 2 笔" → ["3500.00", "2"]). */
export function numbersIn(text: string): string[] {
  return [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => m[0].replaceAll(',', ''));
}

/** A decimal string as minor units with `exponent` decimals, exactly (no floats on money). */
export function toMinor(decimal: string, exponent = 2): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace('-', '').split('.');
  const minor = BigInt(whole + fraction.padEnd(exponent, '0').slice(0, exponent));
  return negative ? -minor : minor;
}

/** Today as YYYY-MM-DD in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

// ---------------------------------------------------------------- initial JavaScript

export interface ScriptLoad {
  url: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * Loads `url` in `page` and returns every JavaScript file the load fetched, with its size and gzip size (gzip
 * level 9 of the bytes served, so the figure does not depend on how the server compresses).
 */
export async function scriptsFetchedBy(page: Page, url: string, until: () => Promise<unknown>): Promise<ScriptLoad[]> {
  const pending: Promise<ScriptLoad | null>[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    const type = response.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !response.url().endsWith('.js')) return;
    pending.push(response.body().then((body) => ({ url: new URL(response.url()).pathname, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length }), () => null));
  };
  page.on('response', onResponse);
  try {
    await page.goto(url);
    await until();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('response', onResponse);
  }
  return (await Promise.all(pending)).filter((s): s is ScriptLoad => s !== null);
}

export const initialJavaScriptGzipBytesMax = 500 * 1024;
