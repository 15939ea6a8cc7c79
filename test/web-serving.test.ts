import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './helpers/http.js';

let t: TestApp;
let webRoot: string;
const indexHtml = '<!doctype html><title>workbench</title><div id="root"></div>';

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'kx-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), indexHtml);
  writeFileSync(join(webRoot, 'assets', 'index-abc123.js'), 'console.log(1)');
  t = await startTestApp({ webRoot });
});
afterAll(async () => {
  await t?.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('the web workbench is served by the API process', () => {
  it('/ is the app, revalidated on every load so a new release is picked up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toBe(indexHtml);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/customers', '/customers/0192f0c2-1111-7000-8000-000000000000', '/settings/users', '/orders/new?customer=x'])(
    'a page path (%s) loads the app, which routes in the browser',
    async (url) => {
      const res = await t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(indexHtml);
    },
  );

  it('hashed assets are cached for a year', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['an unknown API path', 'GET', '/api/v1/nope'],
    ['a missing asset', 'GET', '/assets/missing-123.js'],
    ['a missing file', 'GET', '/favicon.png'],
    ['a POST to a page path', 'POST', '/customers'],
  ] as const)('%s stays a problem+json 404, never the app', async (_name, method, url) => {
    const res = await t.app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'not_found' });
  });

  it('the API answers as before', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/customers' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });
});
