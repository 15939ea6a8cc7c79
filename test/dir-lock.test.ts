import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../src/adapters/db/dir-lock.js';
import { isKxError } from '../src/core/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'kx-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const lockFile = join(dir, 'kuanxiang.lock');

/** A pid that certainly belongs to no running process: a child that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('data directory lock', () => {
  it('is exclusive while held and free once released', () => {
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(() => lockDataDir(dir)).toThrow(expect.objectContaining({ code: 'data_dir_locked' }));
    release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('is refused while another live process holds it', () => {
    writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, host: hostname(), since: 'earlier' }));
    const error = (() => {
      try {
        lockDataDir(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(isKxError(error, 'data_dir_locked') && error.message).toContain(`pid ${process.ppid}`);
    rmSync(lockFile);
  });

  it.each([
    ['a crashed owner', () => JSON.stringify({ pid: deadPid(), host: hostname(), since: 'earlier' })],
    ['a half-written lock file', () => '{"pid": 12'],
  ])('is taken over at once from %s', (_name, content) => {
    writeFileSync(lockFile, content());
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    release();
  });
});
