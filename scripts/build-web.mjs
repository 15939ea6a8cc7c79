#!/usr/bin/env node
// Builds the web workbench into web/dist when its sources changed since the last build, so `npm start` stays
// one command on a fresh clone and costs nothing when nothing changed. `--force` always builds.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'web', 'dist');
const stampFile = join(dist, '.source-hash');
// The app imports pure rules from src/core (money, quantities, dates, allocation): a change there rebuilds it.
const inputs = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/core', 'package-lock.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [full];
  return readdirSync(full, { recursive: true })
    .map((name) => join(full, String(name)))
    .filter((name) => statSync(name).isFile() && !name.endsWith('.test.ts'))
    .sort();
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
const digest = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest && existsSync(join(dist, 'index.html'))) {
  process.exit(0);
}
console.log('Building the web workbench (web/dist) …');
const { build } = await import('vite');
// Always the production build: started from inside vitest (the browser tests build on demand) NODE_ENV is
// 'test', and React and Ant Design would then ship their test behaviour (Ant Design gives every component the
// same id) into the dist that `npm start` later serves.
process.env.NODE_ENV = 'production';
await build({ configFile: join(root, 'web', 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
writeFileSync(stampFile, digest);
console.log('Web workbench built.');
