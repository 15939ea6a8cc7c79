import { createCipheriv, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { alipaySignedContent } from '../src/adapters/gateways/alipay.js';
import { isKxError, type ErrorCode } from '../src/core/errors.js';

/** The shared external test files (../shared/extdata beside the checkout); tests skip when it is absent. */
export const extdataDir = process.env.KX_EXTDATA_DIR ?? resolve(fileURLToPath(new URL('..', import.meta.url)), '../shared/extdata');
export const hasExtdata = existsSync(resolve(extdataDir, 'MANIFEST.md'));
if (!hasExtdata) console.warn(`gateway tests on real files SKIPPED: no ${extdataDir}/MANIFEST.md (set KX_EXTDATA_DIR)`);

export const extdata = (...parts: string[]): string => resolve(extdataDir, ...parts);

/** The KxError code and message a call throws; fails the test if it does not throw one. */
export function refusal(run: () => unknown): { code: ErrorCode; message: string } {
  try {
    run();
  } catch (error) {
    if (isKxError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the call to be refused with a KxError');
}

/** An Alipay notification body as Alipay sends it: parameters signed RSA2 by `privateKey`, form-encoded in `charset`. */
export function alipayForm(params: Record<string, string>, privateKey: KeyObject, charset: 'utf8' | 'gbk' = 'utf8'): Buffer {
  const all = new Map(Object.entries({ charset: charset === 'gbk' ? 'GBK' : 'utf-8', ...params }));
  const sign = cryptoSign('sha256', iconv.encode(alipaySignedContent(all), charset), privateKey).toString('base64');
  all.set('sign', sign);
  all.set('sign_type', 'RSA2');
  return formEncode(all, charset);
}

/** application/x-www-form-urlencoded with values percent-encoded in `charset`. */
export function formEncode(params: Iterable<[string, string]>, charset: 'utf8' | 'gbk' = 'utf8'): Buffer {
  const escape = (text: string) =>
    [...iconv.encode(text, charset)].map((byte) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return Buffer.from([...params].map(([name, value]) => `${escape(name)}=${escape(value)}`).join('&'), 'latin1');
}

export function rsaKeyPair(): { privateKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** A WeChat Pay v3 resource sealed as WeChat seals it: AES-GCM with the API v3 key, tag appended, base64. */
export function sealWechatpayResource(plaintext: string, apiV3Key: string, associatedData = 'transaction', nonce = 'r4nd0mN0nce1'): { algorithm: string; ciphertext: string; nonce: string; associated_data: string } {
  const key = Buffer.from(apiV3Key, 'utf8');
  const cipher = createCipheriv(key.length === 32 ? 'aes-256-gcm' : 'aes-128-gcm', key, Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext: sealed.toString('base64'), nonce, associated_data: associatedData };
}

/** A WeChat Pay v3 delivery of `body`, signed over "timestamp\nnonce\nbody\n" by the platform `privateKey`. */
export function wechatpayDelivery(body: string, privateKey: KeyObject, serial: string, timestamp: number, nonce = 'n0nce-0123456789abcdef'): { rawBody: Buffer; headers: Record<string, string> } {
  const signature = cryptoSign('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`, 'utf8'), privateKey).toString('base64');
  return {
    rawBody: Buffer.from(body, 'utf8'),
    headers: { 'content-type': 'application/json', 'wechatpay-timestamp': String(timestamp), 'wechatpay-nonce': nonce, 'wechatpay-signature': signature, 'wechatpay-serial': serial },
  };
}
