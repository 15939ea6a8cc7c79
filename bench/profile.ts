/**
 * Where a posting's cost goes, on PostgreSQL (diagnostic, no target). In one throwaway database it runs the
 * same writers against variants: the two baselines, postEntry as it is, and postEntry with one mechanism
 * switched off at a time (then switched back on). Per variant: postings/s, p99, CPU per posting of this
 * process (the client) and of the postgres processes serving this database (the server), WAL bytes per
 * posting, and what the server backends were doing (sampled from pg_stat_activity).
 *
 *   node --import tsx bench/profile.ts [--postings 2000] [--writers 8] [--workload spread|hot] [--repeat 3]
 *
 * CPU is read from /proc (Linux only), so it stays meaningful on a shared, busy machine where wall-clock
 * throughput does not. Postgres backends of other databases are left out of the server figure.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/app/schema.js';
import { defaultServerUrl, freshServerDatabase } from './backends.js';
import { median, summarizeLatencies } from './stats.js';
import { baselineTask, postingTask, prepareFixture, runWriters, workloads, type Fixture, type Workload } from './workload.js';

interface Variant {
  name: string;
  task: 'baseline' | 'baseline-one-statement' | 'posting';
  /** SQL that switches one mechanism off, and the SQL that puts it back. */
  off?: string;
  on?: string;
}

/** Built from the live catalog, so each switched-off mechanism is restored exactly as it was. */
async function variantsFor(db: Kysely<DB>): Promise<Variant[]> {
  const fks = await sql<{ table: string; name: string; def: string }>`
    select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as def
      from pg_constraint
     where contype = 'f' and conrelid in ('journal_entries'::regclass, 'journal_lines'::regclass)`.execute(db);
  const indexes = await sql<{ name: string; def: string }>`
    select indexname as name, indexdef as def from pg_indexes
     where tablename in ('journal_entries', 'journal_lines') and indexname in ('journal_entries_date', 'journal_lines_customer')`.execute(db);
  const otherTriggers = await sql<{ table: string; name: string }>`
    select tgrelid::regclass::text as table, tgname as name from pg_trigger
     where tgrelid in ('journal_entries'::regclass, 'journal_lines'::regclass) and not tgisinternal
       and tgname not in ('journal_lines_apply', 'journal_entries_balanced') and tgname not like '%append_only' and tgname not like '%no_truncate'`.execute(db);
  const toggle = (table: string, trigger: string) => ({
    off: `ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`,
    on: `ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`,
  });
  return [
    { name: 'baseline: BEGIN, 2 INSERTs, COMMIT', task: 'baseline' },
    { name: 'baseline: BEGIN, 1 INSERT…WITH, COMMIT', task: 'baseline-one-statement' },
    { name: 'postEntry', task: 'posting' },
    { name: '  without deferred balance check', task: 'posting', ...toggle('journal_entries', 'journal_entries_balanced') },
    { name: '  without balance upsert trigger', task: 'posting', ...toggle('journal_lines', 'journal_lines_apply') },
    ...otherTriggers.rows.map((t): Variant => ({ name: `  without trigger ${t.name}`, task: 'posting', ...toggle(t.table, t.name) })),
    {
      name: '  without FKs of the journal',
      task: 'posting',
      off: fks.rows.map((r) => `ALTER TABLE ${r.table} DROP CONSTRAINT ${r.name};`).join('\n'),
      on: fks.rows.map((r) => `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.name} ${r.def};`).join('\n'),
    },
    {
      name: '  without date and customer indexes',
      task: 'posting',
      off: indexes.rows.map((r) => `DROP INDEX ${r.name};`).join('\n'),
      on: indexes.rows.map((r) => `${r.def};`).join('\n'),
    },
  ];
}

/** CPU time (user + system, ms) of the postgres processes on this machine, except `others`. */
function postgresCpuMs(others: ReadonlySet<string>): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || others.has(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended while we looked
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Sampled states of this database's backends: "wait event type:wait event", or the state when not waiting. */
function sampleStates(adminUrl: string, database: string): { stop(): Promise<Map<string, number>> } {
  const counts = new Map<string, number>();
  const client = new pg.Client({ connectionString: adminUrl });
  let running = true;
  let samples = 0;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ state: string; n: number }>(
        `select coalesce(wait_event_type || ':' || wait_event, state) as state, count(*)::int as n
           from pg_stat_activity where datname = $1 group by 1`,
        [database],
      );
      samples++;
      for (const r of rows) counts.set(r.state, (counts.get(r.state) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 10));
    }
    await client.end();
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return new Map([...counts].map(([state, n]) => [state, n / Math.max(1, samples)]));
    },
  };
}

async function walBytes(db: Kysely<DB>): Promise<bigint> {
  const { rows } = await sql<{ b: string }>`select (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::text as b`.execute(db);
  return BigInt(rows[0]!.b.split('.')[0]!);
}

interface Row {
  perSecond: number[];
  p99Ms: number[];
  clientUs: number[];
  serverUs: number[];
  walBytes: number[];
  states: Map<string, number>[];
}

async function measure(db: Kysely<DB>, fixture: Fixture, variant: Variant, options: { writers: number; postings: number; workload: Workload; label: string; adminUrl: string; database: string }): Promise<Omit<Row, 'states'> & { states: Map<string, number> }> {
  const make = (label: string) =>
    variant.task === 'posting'
      ? postingTask(db, fixture, options.workload, label)
      : baselineTask(db, fixture, options.workload, label, { oneStatement: variant.task === 'baseline-one-statement' });
  await runWriters(options.writers, 300, make(`${options.label}-warm`));
  const others = new Set(
    (await sql<{ pid: number }>`select pid from pg_stat_activity where datname is not null and datname <> current_database()`.execute(db)).rows.map((r) => String(r.pid)),
  );
  const sampler = sampleStates(options.adminUrl, options.database);
  const client0 = process.cpuUsage();
  const server0 = postgresCpuMs(others);
  const wal0 = await walBytes(db);
  const m = await runWriters(options.writers, options.postings, make(options.label));
  const wal1 = await walBytes(db);
  const serverMs = postgresCpuMs(others) - server0;
  const client = process.cpuUsage(client0);
  const states = await sampler.stop();
  return {
    perSecond: [m.perSecond],
    p99Ms: [summarizeLatencies(m.latenciesMs).p99Ms],
    clientUs: [(client.user + client.system) / options.postings],
    serverUs: [(serverMs * 1000) / options.postings],
    walBytes: [Number(wal1 - wal0) / options.postings],
    states,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      postings: { type: 'string', default: '2000' },
      writers: { type: 'string', default: '8' },
      workload: { type: 'string', default: 'spread' },
      repeat: { type: 'string', default: '3' },
    },
  });
  const workload = values.workload as Workload;
  if (!workloads.includes(workload)) throw new Error(`--workload must be one of ${workloads.join(', ')}`);
  const postings = Number(values.postings);
  const writers = Number(values.writers);
  const repeat = Number(values.repeat);
  const adminUrl = process.env.KX_BENCH_DATABASE_URL ?? defaultServerUrl;
  const opened = await freshServerDatabase(adminUrl);
  if ('unreachable' in opened) throw new Error(`PostgreSQL server unreachable: ${opened.unreachable}`);
  const { db } = opened.database;
  const database = opened.database.location.split('/').pop()!;
  try {
    const fixture = await prepareFixture(db, 300);
    const variants = await variantsFor(db);
    const rows = new Map<string, Row>();
    for (let round = 0; round < repeat; round++) {
      for (const variant of variants) {
        if (variant.off) await sql.raw(variant.off).execute(db);
        try {
          const label = `${variant.name.trim().replace(/\W+/g, '_')}-${round}`;
          const sample = await measure(db, fixture, variant, { writers, postings, workload, label, adminUrl, database });
          const row = rows.get(variant.name);
          if (!row) rows.set(variant.name, { ...sample, states: [sample.states] });
          else {
            for (const key of ['perSecond', 'p99Ms', 'clientUs', 'serverUs', 'walBytes'] as const) row[key].push(...sample[key]);
            row.states.push(sample.states);
          }
        } finally {
          if (variant.on) await sql.raw(variant.on).execute(db);
        }
      }
    }
    print(rows, { workload, writers, postings, repeat });
  } finally {
    await opened.dispose();
  }
}

function print(rows: Map<string, Row>, run: { workload: Workload; writers: number; postings: number; repeat: number }): void {
  console.log(`\n${run.workload}, ${run.writers} writer(s), ${run.postings} postings per variant, median of ${run.repeat}`);
  console.log('CPU per posting in µs: client = this Node process, server = postgres processes of this database (plus WAL writer etc.)');
  const header = ['variant', 'postings/s', 'p99 ms', 'client µs', 'server µs', 'WAL B (whole server)', 'backends: waiting for client / WAL / row lock / running'];
  const table = [...rows].map(([name, r]) => {
    const state = (pick: (key: string) => boolean) => median(r.states.map((s) => [...s].filter(([k]) => pick(k)).reduce((sum, [, n]) => sum + n, 0))).toFixed(1);
    return [
      name,
      median(r.perSecond).toFixed(0),
      median(r.p99Ms).toFixed(1),
      median(r.clientUs).toFixed(0),
      median(r.serverUs).toFixed(0),
      median(r.walBytes).toFixed(0),
      [state((k) => k === 'Client:ClientRead'), state((k) => k.startsWith('LWLock:WAL') || k.startsWith('IO:WAL')), state((k) => k.startsWith('Lock:')), state((k) => k === 'active')].join(' / '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of table) console.log(line(row));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
