/**
 * Posting throughput (issue 2): postEntry on PGlite and PostgreSQL, 1 and 8 writers, "spread" and "hot"
 * workloads, each beside a baseline measured in the same run on the same database and pool: a bare
 * transaction inserting the same rows into plain tables. Usage and reading of the numbers: docs/performance.md.
 *
 *   npm run bench -- [--postings N] [--pglite-postings N] [--repeat N] [--backends pglite,postgres]
 *                    [--workloads spread,hot] [--writers 1,8] [--out bench/results/latest.json]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { defaultServerUrl, freshPglite, freshServerDatabase, type BenchDatabase } from './backends.js';
import { median, summarizeLatencies, type LatencySummary } from './stats.js';
import { baselineTask, checkLedger, postingTask, prepareFixture, runWriters, workloads, type Fixture, type Workload } from './workload.js';

type Backend = 'pglite' | 'postgres';

/** Issue 2: on PostgreSQL with 8 writers, postings/s at least this share of the baseline … */
const targetRatioMin = 0.8;
/** … and p99 posting latency at most this. */
const targetP99MsMax = 25;
const targetWriters = 8;

const customersCount = 300;

interface Options {
  postgresPostings: number;
  pglitePostings: number;
  repeat: number;
  backends: Backend[];
  /** Drop journal_lines_daily (ledger_daily + ledger_monthly) on the fresh database: the posting without the report figures. */
  withoutReportFigures: boolean;
  workloads: Workload[];
  writers: number[];
  out: string;
  serverUrl: string;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      postings: { type: 'string' },
      'pglite-postings': { type: 'string' },
      repeat: { type: 'string', default: '3' },
      backends: { type: 'string', default: 'pglite,postgres' },
      workloads: { type: 'string', default: workloads.join(',') },
      writers: { type: 'string', default: '1,8' },
      out: { type: 'string', default: 'bench/results/latest.json' },
      'without-report-figures': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('npm run bench -- [--postings N] [--pglite-postings N] [--repeat N] [--backends pglite,postgres] [--workloads spread,hot] [--writers 1,8] [--out FILE] [--without-report-figures]');
    console.log('--without-report-figures: drop the trigger that keeps ledger_daily and ledger_monthly, to measure what it costs a posting.');
    console.log('Defaults: 3,000 postings per PostgreSQL case, 1,000 per PGlite case, 3 rounds (medians reported). See docs/performance.md.');
    console.log(`PostgreSQL server: KX_BENCH_DATABASE_URL (default ${defaultServerUrl}); a fresh kx_bench_* database is created and dropped.`);
    process.exit(0);
  }
  const positive = (name: string, text: string) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not ${JSON.stringify(text)}`);
    return n;
  };
  const list = <T extends string>(name: string, text: string, allowed: readonly T[]): T[] => {
    const items = text.split(',').map((s) => s.trim()).filter(Boolean);
    for (const item of items) if (!allowed.includes(item as T)) throw new Error(`--${name}: ${item} is not one of ${allowed.join(', ')}`);
    return items as T[];
  };
  const postings = values.postings === undefined ? undefined : positive('postings', values.postings);
  return {
    postgresPostings: postings ?? 3_000,
    // PGlite is slower and serial; by default a third of the server's count keeps the run short.
    pglitePostings: values['pglite-postings'] !== undefined ? positive('pglite-postings', values['pglite-postings']) : (postings ?? 1_000),
    repeat: positive('repeat', values.repeat),
    backends: list('backends', values.backends, ['pglite', 'postgres'] as const),
    workloads: list('workloads', values.workloads, workloads),
    writers: values.writers.split(',').map((w) => positive('writers', w)),
    out: resolve(values.out),
    serverUrl: process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl,
    withoutReportFigures: values['without-report-figures'],
  };
}

interface Sample {
  postingsPerSecond: number;
  posting: LatencySummary;
  baselinePerSecond: number;
  baseline: LatencySummary;
  ratio: number;
}

interface CaseResult {
  backend: Backend;
  workload: Workload;
  writers: number;
  postings: number;
  samples: Sample[];
  median: Sample;
  target?: { ratioMin: number; p99MsMax: number; pass: boolean };
}

function warmupCount(postings: number): number {
  return Math.max(20, Math.min(300, Math.floor(postings / 10)));
}

async function measureCase(bench: BenchDatabase, fixture: Fixture, workload: Workload, writers: number, postings: number, round: number): Promise<Sample> {
  const { db } = bench.database;
  const label = `${workload}-${writers}-${round}`;
  const run = async (kind: 'posting' | 'baseline') => {
    const make = kind === 'posting' ? postingTask : baselineTask;
    await runWriters(writers, warmupCount(postings), make(db, fixture, workload, `${label}-warm`));
    return runWriters(writers, postings, make(db, fixture, workload, label));
  };
  // Alternate which goes first, so a slow drift of the machine does not always favour one side.
  const postingFirst = round % 2 === 0;
  const first = await run(postingFirst ? 'posting' : 'baseline');
  const second = await run(postingFirst ? 'baseline' : 'posting');
  const [posting, baseline] = postingFirst ? [first, second] : [second, first];
  return {
    postingsPerSecond: posting.perSecond,
    posting: summarizeLatencies(posting.latenciesMs),
    baselinePerSecond: baseline.perSecond,
    baseline: summarizeLatencies(baseline.latenciesMs),
    ratio: posting.perSecond / baseline.perSecond,
  };
}

function medianSample(samples: readonly Sample[]): Sample {
  const m = (pick: (s: Sample) => number) => median(samples.map(pick));
  const latency = (pick: (s: Sample) => LatencySummary): LatencySummary => ({
    p50Ms: m((s) => pick(s).p50Ms),
    p95Ms: m((s) => pick(s).p95Ms),
    p99Ms: m((s) => pick(s).p99Ms),
    maxMs: m((s) => pick(s).maxMs),
  });
  return {
    postingsPerSecond: m((s) => s.postingsPerSecond),
    posting: latency((s) => s.posting),
    baselinePerSecond: m((s) => s.baselinePerSecond),
    baseline: latency((s) => s.baseline),
    ratio: m((s) => s.ratio),
  };
}

async function runBackend(backend: Backend, options: Options, results: CaseResult[]): Promise<{ backend: Backend; description?: string; skipped?: string }> {
  let bench: BenchDatabase;
  if (backend === 'postgres') {
    const opened = await freshServerDatabase(options.serverUrl);
    if ('unreachable' in opened) {
      const skipped = `PostgreSQL server unreachable, skipping the server part (${opened.unreachable}); set KX_BENCH_DATABASE_URL to a reachable server`;
      console.log(`\n${skipped}`);
      return { backend, skipped };
    }
    bench = opened;
  } else {
    bench = await freshPglite();
  }
  console.log(`\n${bench.description}`);
  if (options.withoutReportFigures) {
    await sql`DROP TRIGGER journal_lines_daily ON journal_lines`.execute(bench.database.db);
    console.log('  without the report figures: trigger journal_lines_daily dropped');
  }
  if (backend === 'pglite') {
    console.log('  PGlite has a single connection: "8 writers" are 8 concurrent callers queueing on it (latency includes that wait).');
  }
  const postings = backend === 'postgres' ? options.postgresPostings : options.pglitePostings;
  let posted = 0;
  try {
    const fixture = await prepareFixture(bench.database.db, customersCount);
    // The first case would otherwise also pay for JIT warm-up (Node, and PGlite's WebAssembly), the
    // pool's connections and the first pages of every table and index.
    const warmWriters = Math.max(...options.writers);
    await runWriters(warmWriters, warmupCount(postings) * 2, postingTask(bench.database.db, fixture, 'spread', 'backend-warm'));
    await runWriters(warmWriters, warmupCount(postings) * 2, baselineTask(bench.database.db, fixture, 'spread', 'backend-warm'));
    posted += warmupCount(postings) * 2;
    const cases = options.workloads.flatMap((workload) => options.writers.map((writers) => ({ workload, writers })));
    const samples = new Map<string, Sample[]>(cases.map((c) => [`${c.workload}/${c.writers}`, []]));
    for (let round = 0; round < options.repeat; round++) {
      for (const { workload, writers } of cases) {
        const sample = await measureCase(bench, fixture, workload, writers, postings, round);
        posted += postings + warmupCount(postings);
        samples.get(`${workload}/${writers}`)!.push(sample);
        console.log(
          `  ${options.repeat > 1 ? `round ${round + 1}/${options.repeat} ` : ''}${workload.padEnd(6)} ${String(writers).padStart(2)} writer(s): ` +
            `${sample.postingsPerSecond.toFixed(0)} postings/s (p50 ${sample.posting.p50Ms.toFixed(1)} ms, p99 ${sample.posting.p99Ms.toFixed(1)} ms), ` +
            `baseline ${sample.baselinePerSecond.toFixed(0)}/s, ratio ${sample.ratio.toFixed(2)}`,
        );
      }
    }
    await checkLedger(bench.database.db, fixture, posted);
    for (const { workload, writers } of cases) {
      const caseSamples = samples.get(`${workload}/${writers}`)!;
      const med = medianSample(caseSamples);
      const result: CaseResult = { backend, workload, writers, postings, samples: caseSamples, median: med };
      if (backend === 'postgres' && writers === targetWriters) {
        result.target = { ratioMin: targetRatioMin, p99MsMax: targetP99MsMax, pass: med.ratio >= targetRatioMin && med.posting.p99Ms <= targetP99MsMax };
      }
      results.push(result);
    }
    return { backend, description: bench.description };
  } finally {
    await bench.dispose();
  }
}

function printTable(results: readonly CaseResult[], repeat: number): void {
  const header = ['backend', 'workload', 'writers', 'postings/s', 'p50 ms', 'p99 ms', 'baseline/s', 'base p99 ms', 'ratio', `target (≥${targetRatioMin}×, p99≤${targetP99MsMax} ms)`];
  const rows = results.map((r) => [
    r.backend,
    r.workload,
    String(r.writers),
    r.median.postingsPerSecond.toFixed(0),
    r.median.posting.p50Ms.toFixed(1),
    r.median.posting.p99Ms.toFixed(1),
    r.median.baselinePerSecond.toFixed(0),
    r.median.baseline.p99Ms.toFixed(1),
    r.median.ratio.toFixed(2),
    r.target ? (r.target.pass ? 'PASS' : 'FAIL') + (r.workload === 'hot' ? ' (worst case)' : '') : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\nPosting throughput${repeat > 1 ? ` (median of ${repeat} rounds)` : ''}; baseline = bare BEGIN/INSERT entry/INSERT 2 lines/COMMIT on plain tables, same database and pool:`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  const options = parseOptions();
  const startedAt = new Date();
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` };
  console.log(`Kuanxiang posting benchmark: ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}`);
  console.log(
    `postEntry of a receipt (Dr cash:bank_transfer / Cr accounts_receivable, customer on both lines, idempotency key), ` +
      `${options.postgresPostings} postings per PostgreSQL case, ${options.pglitePostings} per PGlite case, ${customersCount} customers, ` +
      `${options.repeat} round(s)`,
  );
  const results: CaseResult[] = [];
  const backends: Awaited<ReturnType<typeof runBackend>>[] = [];
  for (const backend of options.backends) backends.push(await runBackend(backend, options, results));
  printTable(results, options.repeat);
  const finishedAt = new Date();
  mkdirSync(dirname(options.out), { recursive: true });
  const report = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    startedAt: startedAt.toISOString(),
    durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    machine,
    options: { ...options, serverUrl: undefined },
    target: { backend: 'postgres', writers: targetWriters, ratioMin: targetRatioMin, p99MsMax: targetP99MsMax },
    backends,
    cases: results,
  };
  writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults: ${options.out} (${report.durationS} s)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
