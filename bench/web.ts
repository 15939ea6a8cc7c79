/**
 * Web workbench speed (issue 5), in Debian's Chromium against the real server on the embedded database filled
 * with the demo data set:
 *  - dashboard interactive: navigation start → `[data-testid=dashboard][data-ready=true]` visible, on loopback,
 *    with an empty browser cache (a first visit) and with a warm one (a returning user), median and maximum;
 *  - initial JavaScript: gzip size of the JavaScript the first load fetches — the app shell (index.html's module
 *    script and modulepreloads, what a signed-out visitor gets) and everything up to a ready dashboard.
 * Targets: dashboard interactive ≤ 1.5 s, initial JavaScript ≤ 500 KB gzip. Usage and results: docs/performance.md.
 *
 *   node --import tsx bench/web.ts [--receipts N] [--seed N] [--runs N] [--data-dir DIR] [--out FILE]
 *
 * --data-dir reuses a directory seeded by an earlier run (it must hold the tenant "demo" with an admin whose
 * password is KX_ADMIN_PASSWORD or the bench's own); without it the demo is seeded into a fresh temporary one.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startServer, type RunningServer } from '../test/e2e/server-process.js';
import { buildWeb, initialJavaScriptGzipBytesMax, launchChromium, scriptsFetchedBy, signIn, todayIn, type ScriptLoad } from '../test/browser/harness.js';
import { median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dashboardInteractiveMsMax = 1_500;
const tenant = 'demo';
const adminLogin = 'admin';
const adminPassword = process.env.KX_ADMIN_PASSWORD || 'Bench-admin-pass-2026!';
const readyTimeoutMs = 60_000;

interface Options {
  receipts: number;
  seed: number;
  runs: number;
  dataDir?: string;
  out?: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      receipts: { type: 'string', default: '5000' },
      seed: { type: 'string', default: '7' },
      runs: { type: 'string', default: '7' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const whole = (name: string, value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a whole number of at least 1, not ${JSON.stringify(value)}`);
    return Number(value);
  };
  return {
    receipts: whole('receipts', values.receipts),
    seed: whole('seed', values.seed),
    runs: whole('runs', values.runs),
    ...(values['data-dir'] ? { dataDir: resolve(values['data-dir']) } : {}),
    ...(values.out ? { out: resolve(values.out) } : {}),
  };
}

/** `npx kuanxiang seed-demo … --admin admin` on the data directory, as a person would run it. */
function seedDemo(dataDir: string, options: Options): Promise<string> {
  const args = ['bin/kuanxiang.mjs', 'seed-demo', '--seed', String(options.seed), '--receipts', String(options.receipts), '--tenant', tenant, '--as-of', todayIn('Asia/Shanghai'), '--admin', adminLogin];
  return new Promise((resolvePromise, reject) => {
    execFile(process.execPath, args, { cwd: root, env: { ...process.env, KX_DATA_DIR: dataDir, DATABASE_URL: '', KX_ADMIN_PASSWORD: adminPassword }, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      error ? reject(new Error(`seed-demo failed: ${error.message}\n${stdout}${stderr}`)) : resolvePromise(stdout),
    );
  });
}

interface Load {
  /** Navigation start → dashboard ready and visible. */
  interactiveMs: number;
  /** The slowest API request of the load (start → last byte), and which: where the server's share shows. */
  slowestApiMs: number;
  slowestApi: string;
}

/** Loads the dashboard; milliseconds from navigation start until it says its figures are loaded and shows them. */
async function loadDashboard(page: Page, baseUrl: string): Promise<Load> {
  await page.goto(`${baseUrl}/dashboard`, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => {
      const doc = (globalThis as unknown as { document: { querySelector: (s: string) => { checkVisibility?: () => boolean } | null } }).document;
      const ready = doc.querySelector('[data-testid="dashboard"][data-ready="true"]');
      return ready && (ready.checkVisibility?.() ?? true) ? performance.now() : false;
    },
    undefined,
    { polling: 'raf', timeout: readyTimeoutMs },
  );
  const interactiveMs = (await handle.jsonValue()) as number;
  const slowest = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/'))
      .map((e) => ({ name: new URL(e.name).pathname, ms: (e as unknown as { responseEnd: number }).responseEnd - e.startTime }))
      .sort((a, b) => b.ms - a.ms)[0] ?? { name: '-', ms: 0 },
  );
  return { interactiveMs, slowestApiMs: slowest.ms, slowestApi: slowest.name };
}

async function clearCache(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (scripts: ScriptLoad[]) => scripts.reduce((n, s) => n + s.gzipBytes, 0);
const verdict = (ok: boolean) => (ok ? 'meets' : 'MISSES');

async function main(): Promise<void> {
  const options = parseOptions();
  const started = Date.now();
  console.log(`web bench: ${cpus().length} CPUs, load average ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  await buildWeb();

  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kx-bench-web-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'kx-bench-web-profile-'));
  let server: RunningServer | undefined;
  try {
    if (ownDir || !existsSync(join(dataDir, 'pgdata'))) {
      console.log(`seeding the demo (seed ${options.seed}, ${options.receipts} receipts) into ${dataDir} …`);
      const seedStarted = Date.now();
      const summary = await seedDemo(dataDir, options);
      console.log(summary.split('\n').filter((line) => !/password/.test(line)).map((line) => `  ${line}`).join('\n'));
      console.log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)} s`);
    }
    server = await startServer({ KX_DATA_DIR: dataDir, KX_RATE_LIMIT_PER_MINUTE: '1000000' }, 180_000);
    const baseUrl = server.baseUrl;
    const context = await launchChromium(profileDir, { reducedMotion: 'no-preference' });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(readyTimeoutMs);

      // The app shell: what a first visitor's browser fetches before anyone signs in.
      const shell = await scriptsFetchedBy(page, `${baseUrl}/`, () => page.getByTestId('signin-submit').waitFor());
      await signIn(page, adminLogin, adminPassword, tenant);

      // Everything up to a ready dashboard, signed in, with nothing cached.
      await clearCache(page);
      const firstLoad = await scriptsFetchedBy(page, `${baseUrl}/dashboard`, () => page.locator('[data-testid="dashboard"][data-ready="true"]').waitFor());

      const cold: Load[] = [];
      const warm: Load[] = [];
      await loadDashboard(page, baseUrl); // one unmeasured load: the server's caches and the JIT warm up
      for (let run = 0; run < options.runs; run++) {
        await clearCache(page);
        cold.push(await loadDashboard(page, baseUrl));
        warm.push(await loadDashboard(page, baseUrl));
      }
      const figures = (loads: Load[]) => {
        const ms = loads.map((l) => l.interactiveMs);
        const api = loads.map((l) => l.slowestApiMs);
        const names = [...new Set(loads.map((l) => l.slowestApi))].join(', ');
        return {
          median: median(ms),
          max: Math.max(...ms),
          line: `median ${median(ms).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (slowest API request: median ${median(api).toFixed(0)} ms, ${names})`,
        };
      };
      const coldFigures = figures(cold);
      const warmFigures = figures(warm);

      const lines = [
        `dashboard interactive (navigation start → data-ready visible, loopback, ${options.runs} runs, demo: ${options.receipts} receipts):`,
        `  empty cache: ${coldFigures.line}   target ≤ ${dashboardInteractiveMsMax} ms: ${verdict(coldFigures.max <= dashboardInteractiveMsMax)}`,
        `  warm cache:  ${warmFigures.line}   target ≤ ${dashboardInteractiveMsMax} ms: ${verdict(warmFigures.max <= dashboardInteractiveMsMax)}`,
        `initial JavaScript (gzip -9 of the bytes served):`,
        `  app shell (sign-in page, first visit): ${kb(sum(shell))} in ${shell.length} files   target ≤ ${kb(initialJavaScriptGzipBytesMax)}: ${verdict(sum(shell) <= initialJavaScriptGzipBytesMax)}`,
        // The budget is the initial load, with pages and ECharts split off it (the line above); this is
        // what a signed-in first visit to the dashboard fetches in all, its page chunk and ECharts included.
        `  first visit to the dashboard, signed in, all of it (page chunks and ECharts included; for information): ${kb(sum(firstLoad))} in ${firstLoad.length} files`,
        ...firstLoad.map((s) => `    ${s.url}: ${kb(s.bytes)}, ${kb(s.gzipBytes)} gzip`),
        `(whole bench ${((Date.now() - started) / 1000).toFixed(0)} s)`,
      ];
      console.log(lines.join('\n'));
      if (options.out) {
        mkdirSync(dirname(options.out), { recursive: true });
        const result = {
          date: new Date().toISOString(),
          cpus: cpus().length,
          receipts: options.receipts,
          seed: options.seed,
          runs: options.runs,
          dashboardInteractive: { cold, warm, coldMedianMs: coldFigures.median, warmMedianMs: warmFigures.median, targetMs: dashboardInteractiveMsMax },
          initialJavaScriptGzipBytes: { shell: sum(shell), dashboardFirstLoad: sum(firstLoad), target: initialJavaScriptGzipBytesMax, files: firstLoad },
        };
        writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
      }
    } finally {
      await context.close();
    }
  } finally {
    await server?.stop('SIGTERM');
    rmSync(profileDir, { recursive: true, force: true });
    if (ownDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
