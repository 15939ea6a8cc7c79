import { describe, expect, it } from 'vitest';
import { settingsFrom } from '../src/config.js';

describe('settings from the environment', () => {
  it('defaults to the embedded database in ./data on 127.0.0.1:3000', () => {
    expect(settingsFrom({})).toMatchObject({ database: { kind: 'pglite', dataDir: './data' }, port: 3000, host: '127.0.0.1', trustProxy: false });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: 'postgres://u@db:5432/kx' }, { database: { kind: 'postgres', url: 'postgres://u@db:5432/kx' } }],
    ['KX_DATA_DIR', { KX_DATA_DIR: '/srv/kx' }, { database: { kind: 'pglite', dataDir: '/srv/kx' } }],
    ['a proxy on this machine', { KX_TRUST_PROXY: 'loopback' }, { trustProxy: 'loopback' }],
    ['proxy addresses', { KX_TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }, { trustProxy: '10.0.0.0/8, 127.0.0.1' }],
    ['PORT 0 picks a free port', { PORT: '0' }, { port: 0 }],
    ['a higher API rate limit', { KX_RATE_LIMIT_PER_MINUTE: '600000' }, { rateLimitPerMinute: 600_000 }],
    ['SMTP for email notifications', { KX_SMTP_URL: 'smtp://u:p@mail:587', KX_SMTP_FROM: '款项 <kx@example.com>' }, { smtp: { url: 'smtp://u:p@mail:587', from: '款项 <kx@example.com>' } }],
    ['webhooks to private networks', { KX_WEBHOOK_ALLOW_PRIVATE: 'true' }, { webhookAllowPrivate: true }],
    ['webhooks to private networks where the tenant allows it', { KX_WEBHOOK_ALLOW_PRIVATE: 'tenant' }, { webhookAllowPrivate: 'tenant' }],
    ['a faster scheduler (tests, demos)', { KX_SCHEDULER_TICK_MS: '200', KX_SCHEDULER_PERIOD_MS: '1500' }, { background: { outbox: true, scheduler: true, schedulerTickMs: 200, schedulerPeriodMs: 1_500 } }],
  ])('%s', (_name, env, expected) => {
    expect(settingsFrom(env)).toMatchObject(expected);
  });

  it.each([
    ['PORT', { PORT: '70000' }, /PORT must be/],
    ['PORT', { PORT: 'abc' }, /PORT must be/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    ['KX_TRUST_PROXY', { KX_TRUST_PROXY: 'everyone' }, /KX_TRUST_PROXY must list/],
    ['KX_TRUST_PROXY', { KX_TRUST_PROXY: 'true' }, /KX_TRUST_PROXY must list/],
    ['KX_TRUST_PROXY', { KX_TRUST_PROXY: '1' }, /KX_TRUST_PROXY must list/],
    ['KX_RATE_LIMIT_PER_MINUTE', { KX_RATE_LIMIT_PER_MINUTE: '0' }, /KX_RATE_LIMIT_PER_MINUTE must be/],
    ['KX_RATE_LIMIT_PER_MINUTE', { KX_RATE_LIMIT_PER_MINUTE: 'lots' }, /KX_RATE_LIMIT_PER_MINUTE must be/],
    ['KX_SMTP_URL', { KX_SMTP_URL: 'http://mail', KX_SMTP_FROM: 'kx@example.com' }, /KX_SMTP_URL must start with smtp/],
    ['KX_SMTP_FROM', { KX_SMTP_URL: 'smtp://mail:25' }, /KX_SMTP_FROM must be/],
    ['KX_WEBHOOK_ALLOW_PRIVATE', { KX_WEBHOOK_ALLOW_PRIVATE: 'maybe' }, /KX_WEBHOOK_ALLOW_PRIVATE must be true, false or tenant/],
    ['KX_SCHEDULER_PERIOD_MS', { KX_SCHEDULER_PERIOD_MS: '5' }, /KX_SCHEDULER_PERIOD_MS must be a whole number of milliseconds/],
  ])('refuses a bad %s with a message naming it', (_name, env, message) => {
    expect(() => settingsFrom(env)).toThrow(message);
  });
});
