import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/adapters/db/database.js';
import { isKxError } from '../src/core/errors.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kx-worker-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('embedded PGlite as the server runs it', () => {
  it('a long query does not block this thread, and the data directory is locked while open', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await expect(openDatabase({ kind: 'pglite', dataDir })).rejects.toSatisfy((e: unknown) => isKxError(e, 'data_dir_locked'));

      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      const started = performance.now();
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 20);
      // About a second of pure CPU inside PGlite.
      await sql`select count(*) from generate_series(1, 4000000) g where g % 7 = 3`.execute(database.db);
      clearInterval(ticker);
      delay.disable();
      const elapsedMs = performance.now() - started;
      // Had the query run on this thread, no timer could fire until it finished.
      expect(elapsedMs).toBeGreaterThan(200);
      expect(ticks).toBeGreaterThan((elapsedMs / 20) * 0.5);
      expect(delay.max / 1e6).toBeLessThan(Math.max(150, elapsedMs / 2));
    } finally {
      await database.close();
    }
    // Closed: the lock is released and the same folder opens again.
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  });
});
