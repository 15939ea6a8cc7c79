import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { normalizeAccount, normalizeName, suggestMatches, type LineToMatch, type MatchSuggestion, type OpenItem, type PayerAlias } from '../../core/reconciliation/index.js';

export type Suggest = (lines: readonly LineToMatch[], items: readonly OpenItem[], aliases: readonly PayerAlias[]) => Promise<Map<string, MatchSuggestion[]>>;

/** Below this many lines a statement is matched on the calling thread: a worker's start and copies cost more. */
const linesPerWorkerMin = 5_000;

/**
 * Matching a large statement on several threads. The matcher is pure CPU (about 17 s for 100,000 lines against
 * 100,000 open items), so on a machine with cores to spare the lines are split between worker threads, each
 * matching its share against all the open items. Lines are split by payer, so the lines of one payer — which
 * together may pay one item (several transfers = one receipt) — stay on one thread and are still found. It
 * also keeps the server's event loop free while a statement is matched. When a worker cannot run, the
 * matching happens here instead: slower, the same result.
 */
export function parallelMatcher(workersMax = Math.min(4, availableParallelism())): Suggest {
  return async (lines, items, aliases) => {
    const workers = Math.min(workersMax, Math.floor(lines.length / linesPerWorkerMin));
    if (workers < 2) return suggestMatches(lines, items, aliases);
    const shares: LineToMatch[][] = Array.from({ length: workers }, () => []);
    for (const line of lines) shares[shareOf(line, workers)]!.push(line);
    try {
      const results = await Promise.all(shares.map((share) => runWorker(share, items, aliases)));
      return new Map(results.flat());
    } catch (error) {
      console.warn(`statement matching: worker threads unavailable (${(error as Error).message}); matching on this thread`);
      return suggestMatches(lines, items, aliases);
    }
  };
}

function shareOf(line: LineToMatch, workers: number): number {
  const payer = normalizeAccount(line.counterpartyAccount) || normalizeName(line.counterpartyName) || line.id;
  return createHash('sha1').update(payer).digest().readUInt32BE(0) % workers;
}

function runWorker(lines: LineToMatch[], items: readonly OpenItem[], aliases: readonly PayerAlias[]): Promise<[string, MatchSuggestion[]][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./match-worker.mjs', import.meta.url), { workerData: { lines, items, aliases } });
    worker.once('message', (result: [string, MatchSuggestion[]][]) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`matching worker exited with code ${code}`))));
  });
}
