import { X509Certificate } from 'node:crypto';
import type { GatewayCredentials } from '../../core/gateways/event.js';
import { publicKeyOf } from './common.js';

/*
 * Checks an integration's secrets when an admin saves them, so that a pasted key with a missing line fails on the
 * settings page and not on the first real payment. Verification itself never relies on these checks.
 */

const GENERIC_SECRET_CHARS_MIN = 16;
const API_V3_KEY_BYTES = 32;

/** What is wrong with the credentials, in words for the settings page; empty when they can verify notifications. */
export function credentialProblems(credentials: GatewayCredentials, nowMs: number): string[] {
  switch (credentials.provider) {
    case 'stripe':
      return credentials.webhookSecret.trim() === '' ? ['webhookSecret is empty (Stripe shows it as whsec_… on the endpoint page)'] : [];
    case 'alipay':
      return publicKeyOf(credentials.alipayPublicKey) === undefined ? ['alipayPublicKey is not an RSA public key (PEM or the bare base64 from the Alipay console)'] : [];
    case 'generic':
      return credentials.hmacSecrets.some((secret) => secret.length < GENERIC_SECRET_CHARS_MIN)
        ? [`hmacSecret must be at least ${GENERIC_SECRET_CHARS_MIN} characters`]
        : credentials.hmacSecrets.length === 0 ? ['hmacSecret is missing'] : [];
    case 'wechatpay': {
      const problems: string[] = [];
      // Production API v3 keys are 32 characters; verification also takes WeChat's 16-byte test key, saving does not.
      if (Buffer.byteLength(credentials.apiV3Key, 'utf8') !== API_V3_KEY_BYTES) problems.push(`apiV3Key must be ${API_V3_KEY_BYTES} characters`);
      if (credentials.platformCertificates.length === 0) problems.push('no platform certificate or platform public key');
      for (const { serial, pem } of credentials.platformCertificates) {
        if (publicKeyOf(pem) === undefined) {
          problems.push(`platform certificate ${serial} is not an RSA certificate or public key`);
          continue;
        }
        const certificate = certificateOf(pem);
        if (certificate === undefined) continue;
        if (certificate.serialNumber.toUpperCase() !== serial.toUpperCase()) {
          problems.push(`the certificate's serial is ${certificate.serialNumber}, not ${serial}`);
        }
        if (Date.parse(certificate.validTo) < nowMs) problems.push(`platform certificate ${serial} expired on ${new Date(certificate.validTo).toISOString().slice(0, 10)}`);
      }
      return problems;
    }
  }
}

/** The serial of a WeChat Pay platform certificate PEM, so the settings page can fill it in; undefined for a bare key. */
export function certificateSerial(pem: string): string | undefined {
  return certificateOf(pem)?.serialNumber.toUpperCase();
}

function certificateOf(pem: string): X509Certificate | undefined {
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}
