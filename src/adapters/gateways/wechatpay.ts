import type { InboundNotification, VerifiedGatewayEvent } from '../../core/gateways/event.js';

// Placeholder until the wechatpay adapter lands (next commits on this branch).
export function verifyWechatpay(_notification: InboundNotification, _credentials: { apiV3Key: string; platformCertificates: readonly { serial: string; pem: string }[] }, _nowMs: number): VerifiedGatewayEvent {
  throw new Error('wechatpay verification is not implemented yet');
}
