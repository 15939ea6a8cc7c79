import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { KxError } from '../../core/errors.js';

/**
 * One process per embedded data directory: PGlite does not guard its folder, and two writers corrupt it.
 * The lock is a file created exclusively, holding the owner's pid and host. It needs no refreshing, so a
 * busy or paused event loop can never lose it; it is stale only when its owner process is gone (a crash),
 * and the next start takes it over at once.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'kuanxiang.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      return () => release(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) {
        throw new KxError('data_dir_locked', `the data directory ${dataDir} is in use by another Kuanxiang process (pid ${owner.pid} on ${owner.host}); stop it first`, {
          details: { dataDir, pid: owner.pid },
        });
      }
      // The owner died without releasing: remove its lock and try again (another starter may win the race).
      try {
        unlinkSync(path);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw new KxError('data_dir_locked', `could not lock the data directory ${dataDir}`, { details: { dataDir } });
}

interface Owner {
  pid: number;
  host: string;
}

function readOwner(path: string): Owner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<Owner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? { pid: owner.pid, host: owner.host } : undefined;
  } catch {
    // Unreadable or half-written (the owner crashed while writing it): treat as stale.
    return undefined;
  }
}

function isAlive(owner: Owner): boolean {
  // A lock written on another host (a shared folder) cannot be checked from here: assume it is held.
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function release(path: string): void {
  const owner = readOwner(path);
  if (owner?.pid === process.pid) unlinkSync(path);
}
