import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { KxError } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import type { WebhookAnswer, WebhookSender } from '../../app/notify/ports.js';

/*
 * Outbound webhook HTTP with SSRF protection. A subscriber URL is attacker-chosen text: unchecked, it would
 * let a tenant admin make our server call the cloud metadata service, the database or anything else on our
 * private network. So the host is resolved and every address it resolves to must be public; the connection
 * then goes to the address that was checked (a pinned lookup), so a DNS answer that changes between check and
 * connect (DNS rebinding) gains nothing. Redirects are not followed (a 3xx is an unsuccessful answer).
 */

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) blocked.addSubnet(net, prefix, 'ipv6');

/** An IPv4 address embedded in an IPv6 one (::ffff:a.b.c.d mapped, ::a.b.c.d compatible), or undefined. */
function embeddedIpv4(address: string): string | undefined {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const match = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!match) return undefined;
  const high = parseInt(match[1]!, 16);
  const low = parseInt(match[2]!, 16);
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
}

/** True when `address` is loopback, private, link-local, CGNAT, multicast, unspecified, reserved, or maps to one. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4 !== undefined) return blocked.check(v4, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return true;
}

export interface CheckedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

function forbidden(message: string, url: string): never {
  throw new KxError('webhook_target_forbidden', message, { fields: [{ field: 'url', code: 'webhook_target_forbidden', message }], details: { url: url.slice(0, 200) } });
}

/**
 * The operator's ceiling on private targets (KX_WEBHOOK_ALLOW_PRIVATE): false — never; 'tenant' — where the
 * tenant's administrator has switched it on; true — always (a single-tenant installation, tests).
 */
export type PrivateTargetsPolicy = boolean | 'tenant';

export interface HttpSenderOptions {
  /** Let subscriptions reach loopback and private addresses (a receiver on the same network; tests). */
  allowPrivateTargets: PrivateTargetsPolicy;
  /** Name resolution; tests give a fixed table. Default: the system resolver, every address. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export class HttpWebhookSender implements WebhookSender {
  private readonly resolve: (hostname: string) => Promise<{ address: string; family: number }[]>;

  readonly privateTargets: 'never' | 'tenant' | 'always';

  constructor(private readonly options: HttpSenderOptions) {
    this.privateTargets = options.allowPrivateTargets === 'tenant' ? 'tenant' : options.allowPrivateTargets ? 'always' : 'never';
    this.resolve = options.resolve ?? ((hostname) => dnsLookup(hostname, { all: true, verbatim: true }));
  }

  /** Refuses (webhook_target_forbidden) a URL that is not http(s), carries credentials, or reaches a non-public address. */
  async checkTarget(raw: string, tenantAllowsPrivate = false): Promise<CheckedTarget> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return forbidden('the URL does not parse', raw);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') forbidden('only http and https URLs can receive webhooks', raw);
    if (url.username !== '' || url.password !== '') forbidden('the URL may not carry a user name or password', raw);
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    let addresses: { address: string; family: number }[];
    if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
    else {
      try {
        addresses = await this.resolve(host);
      } catch (error) {
        return forbidden(`the host ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'error'})`, raw);
      }
    }
    if (addresses.length === 0) forbidden(`the host ${host} does not resolve`, raw);
    const policy = this.options.allowPrivateTargets;
    if (!(policy === true || (policy === 'tenant' && tenantAllowsPrivate))) {
      // Every address, not only the first: the connection must not be able to fall back to a private one.
      const bad = addresses.find((a) => isNonPublicAddress(a.address));
      if (bad) forbidden(`${host} resolves to ${bad.address}, which is not a public address (private targets are not allowed)`, raw);
    }
    return { url, address: addresses[0]!.address, family: addresses[0]!.family === 6 ? 6 : 4 };
  }

  async post(raw: string, headers: Record<string, string>, body: string, tenantAllowsPrivate = false): Promise<WebhookAnswer> {
    const target = await this.checkTarget(raw, tenantAllowsPrivate);
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const send = target.url.protocol === 'https:' ? https.request : http.request;
    return new Promise<WebhookAnswer>((resolve, reject) => {
      const request = send(target.url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinned,
        signal: AbortSignal.timeout(limits.webhookDeliveryTimeoutMs),
      }, (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > limits.webhookResponseBytesMax) {
            // Enough to know the answer; a receiver streaming without end must not hold the worker.
            response.destroy();
            return;
          }
          chunks.push(chunk);
        });
        const done = () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        response.on('end', done);
        response.on('close', done);
        response.on('error', () => done());
      });
      request.on('error', (error) => reject(new Error(error.name === 'AbortError' || error.name === 'TimeoutError' ? `no answer within ${limits.webhookDeliveryTimeoutMs} ms` : `${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`)));
      request.end(body);
    });
  }
}
